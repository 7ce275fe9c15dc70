package io.dbaudit.engine.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.dbaudit.engine.template.Template;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.FactTypes;
import io.dbaudit.model.rule.RuleMeta;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules known to a run: metadata by id, the DRL sources, and every problem found while loading.
 * Loading never stops at the first problem, so a pack author (and the contract test) sees them all.
 */
public final class RuleCatalog {
    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    public static final Set<String> LANGUAGES = Set.of("sql", "shell", "redis-cli", "mongosh", "patronictl", "yaml",
            "conf", "text");
    public static final Set<String> EFFECTS = Set.of("online", "reload", "restart", "manual");
    /** Languages whose output a user executes: collected values may only enter through quoting filters. */
    private static final Set<String> EXECUTED = Set.of("sql", "shell", "redis-cli", "mongosh");

    private final Map<String, RuleMeta> rules = new LinkedHashMap<>();
    private final List<PackSource> drl = new ArrayList<>();
    private final List<PackSource> fixtures = new ArrayList<>();
    private final List<CatalogProblem> problems = new ArrayList<>();
    /** Ids whose logic exists without DRL text: the precompiled built-in packs (their jar holds no DRL). */
    private final Set<String> precompiled = new java.util.HashSet<>();

    public static RuleCatalog load(Collection<PackSource> sources) {
        RuleCatalog c = new RuleCatalog();
        sources.forEach(c::add);
        return c;
    }

    /** Marks ids whose DRL was compiled at build time, so their YAML needs no DRL text beside it. */
    public RuleCatalog withPrecompiled(Collection<String> ids) {
        precompiled.addAll(ids);
        return this;
    }

    /** Adds another pack (a user's) to this catalog; ids must not clash with those already loaded. */
    public RuleCatalog plus(Collection<PackSource> sources) {
        RuleCatalog c = new RuleCatalog();
        c.rules.putAll(rules);
        c.drl.addAll(drl);
        c.fixtures.addAll(fixtures);
        c.problems.addAll(problems);
        c.precompiled.addAll(precompiled);
        sources.forEach(c::add);
        return c;
    }

    private void add(PackSource s) {
        if (s.isDrl()) {
            drl.add(s);
        } else if (s.isFixture()) {
            fixtures.add(s);
        } else if (s.isMetadata()) {
            readMetadata(s).ifPresent(m -> {
                if (rules.containsKey(m.id())) {
                    problems.add(new CatalogProblem(s.location(), "duplicate rule id " + m.id()
                            + " (also in " + rules.get(m.id()).source() + ")"));
                } else {
                    rules.put(m.id(), m);
                }
            });
        }
    }

    private Optional<RuleMeta> readMetadata(PackSource s) {
        RuleMeta raw;
        try {
            raw = Mappers.yaml().readValue(s.text(), RuleMeta.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? s.location() : s.location() + ":" + loc.getLineNr();
            problems.add(new CatalogProblem(where, "invalid rule metadata: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (raw == null) {
            problems.add(new CatalogProblem(s.location(), "empty rule metadata"));
            return Optional.empty();
        }
        RuleMeta m = new RuleMeta(raw.id(), raw.title(), raw.severity(), raw.area(), raw.engines(), raw.requires(), raw.skipUnless(),
                raw.description(), raw.rationale(), raw.parameters(), raw.message(), raw.remediation(),
                raw.references(), raw.aliases(), raw.frameworks(), raw.liveOnly(), s.location());
        validate(s, m);
        return Optional.of(m);
    }

    private void validate(PackSource s, RuleMeta m) {
        String at = s.location();
        if (m.id() == null || !ID.matcher(m.id()).matches()) {
            problems.add(new CatalogProblem(at, "id '" + m.id() + "' is not of the form ENGINE-AREA-NNN"));
        } else if (!m.id().equals(s.ruleId())) {
            problems.add(new CatalogProblem(at, "id " + m.id() + " does not match the file name " + s.fileName()));
        }
        require(at, "title", m.title());
        require(at, "rationale", m.rationale());
        require(at, "message", m.message());
        if (m.severity() == null) {
            problems.add(new CatalogProblem(at, "severity is missing"));
        }
        if (m.area() == null) {
            problems.add(new CatalogProblem(at, "area is missing"));
        }
        if (m.engines().isEmpty()) {
            problems.add(new CatalogProblem(at, "engines is empty (one of " + List.of(EngineKind.values()) + ")"));
        }
        if (m.requires().isEmpty()) {
            problems.add(new CatalogProblem(at, "requires is empty: name the fact kinds the rule reads"));
        }
        for (String kind : m.requires()) {
            if (FactTypes.byName(kind).isEmpty()) {
                problems.add(new CatalogProblem(at, "requires unknown fact kind " + kind));
            }
        }
        for (String kind : m.skipUnless()) {
            if (FactTypes.byName(kind).isEmpty()) {
                problems.add(new CatalogProblem(at, "skipUnless names unknown fact kind " + kind));
            }
        }
        if (m.references().isEmpty()) {
            problems.add(new CatalogProblem(at, "references is empty"));
        }
        m.references().forEach(r -> {
            if (r.url() == null || !r.url().startsWith("https://")) {
                problems.add(new CatalogProblem(at, "reference '" + r.title() + "' needs an https URL"));
            }
        });
        if (m.remediation() == null) {
            problems.add(new CatalogProblem(at, "remediation is missing"));
        } else {
            var r = m.remediation();
            if (!LANGUAGES.contains(String.valueOf(r.language()))) {
                problems.add(new CatalogProblem(at, "remediation.language '" + r.language() + "' not one of " + LANGUAGES));
            }
            if (!EFFECTS.contains(String.valueOf(r.effect()))) {
                problems.add(new CatalogProblem(at, "remediation.effect '" + r.effect() + "' not one of " + EFFECTS));
            }
            require(at, "remediation.template", r.template());
            if (EXECUTED.contains(r.language())) {
                checkQuoted(at, "remediation.template", r.template());
                checkQuoted(at, "remediation.rollback", r.rollback());
            }
        }
    }

    private void checkQuoted(String at, String field, String template) {
        for (Template.Placeholder p : new Template(template).placeholders()) {
            if (p.filter() == null || !Template.QUOTING_FILTERS.contains(p.filter())) {
                problems.add(new CatalogProblem(at, field + " inserts {{" + p.name()
                        + "}} without a quoting filter (" + Template.QUOTING_FILTERS + ")"));
            }
        }
    }

    private void require(String at, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new CatalogProblem(at, field + " is missing"));
        }
    }

    private List<CatalogProblem> crossCheck() {
        List<CatalogProblem> problems = new ArrayList<>();
        var drlIds = drl.stream().map(PackSource::ruleId).toList();
        for (RuleMeta m : rules.values()) {
            if (!drlIds.contains(m.id()) && !precompiled.contains(m.id())) {
                problems.add(new CatalogProblem(m.source(), "no " + m.id() + ".drl beside the metadata"));
            }
        }
        for (PackSource d : drl) {
            if (!rules.containsKey(d.ruleId())) {
                problems.add(new CatalogProblem(d.location(), "no " + d.ruleId() + ".yaml metadata for this DRL"));
            }
        }
        return problems;
    }

    public Collection<RuleMeta> rules() {
        return rules.values();
    }

    public Optional<RuleMeta> rule(String id) {
        RuleMeta direct = rules.get(id);
        if (direct != null) {
            return Optional.of(direct);
        }
        return rules.values().stream().filter(r -> r.aliases().contains(id)).findFirst();
    }

    public List<PackSource> drl() {
        return List.copyOf(drl);
    }

    public List<PackSource> fixtures() {
        return List.copyOf(fixtures);
    }

    /** Problems of the files themselves and of their pairing (DRL without YAML and vice versa). */
    public List<CatalogProblem> problems() {
        List<CatalogProblem> all = new ArrayList<>(problems);
        all.addAll(crossCheck());
        return all;
    }
}
