package io.dbaudit.collectors.config;

import io.dbaudit.model.facts.pg.PgFileSetting;
import io.dbaudit.model.facts.pg.PgSetting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Applies postgresql.conf assignments as the server does: the last assignment of a name wins. Produces
 * one {@link PgSetting} per name (the winner, value normalised to pg_settings' representation, with its
 * file and line) and one {@link PgFileSetting} per line (pg_file_settings, applied only for winners).
 * Known parameters the files leave unset get a {@code source = "default"} PgSetting carrying the built-in
 * default, as pg_settings lists them too, unless the default depends on packaging or initdb.
 */
public final class ConfigSettings {
    /** Source of values read from a file, as pg_settings says it. */
    public static final String SOURCE_FILE = "configuration file";
    public static final String SOURCE_DEFAULT = "default";

    public record Result(List<PgSetting> settings, List<PgFileSetting> fileSettings) {
    }

    private final ParameterTable table;

    public ConfigSettings(ParameterTable table) {
        this.table = table;
    }

    public ConfigSettings() {
        this(ParameterTable.builtIn());
    }

    /**
     * @param entries every assignment in the order the server reads them (postgresql.conf with its includes,
     *                then postgresql.auto.conf)
     * @param major   the server major version when known: picks version-dependent defaults
     * @throws ConfigParseException when a value is invalid for a known integer, real or boolean parameter
     *                              (the server would refuse to start), naming the line
     */
    public Result apply(List<ConfigEntry> entries, Optional<Integer> major) throws ConfigParseException {
        Map<String, Integer> winner = new HashMap<>();
        List<String> normalised = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            ConfigEntry e = entries.get(i);
            winner.put(e.name(), i);
            Optional<ParameterTable.Parameter> p = table.get(e.name());
            if (p.isPresent()) {
                try {
                    normalised.add(ParameterTable.normalise(p.get(), e.value()));
                } catch (IllegalArgumentException ex) {
                    throw new ConfigParseException(e.file(), e.line(), ex.getMessage());
                }
            } else {
                normalised.add(e.value());
            }
        }
        List<PgFileSetting> files = new ArrayList<>();
        Map<String, PgSetting> settings = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigEntry e = entries.get(i);
            boolean applied = winner.get(e.name()) == i;
            files.add(new PgFileSetting(e.file(), e.line(), i + 1, e.name(), e.value(), applied, null));
            if (applied) {
                Optional<ParameterTable.Parameter> p = table.get(e.name());
                settings.put(e.name(), new PgSetting(e.name(), normalised.get(i),
                        p.map(ParameterTable.Parameter::unit).orElse(null),
                        p.map(ParameterTable.Parameter::vartype).orElse("string"),
                        p.map(ParameterTable.Parameter::context).orElse(null),
                        SOURCE_FILE, e.file(), e.line(), false));
            }
        }
        Map<String, PgSetting> defaults = new LinkedHashMap<>();
        for (ParameterTable.Parameter p : table.all()) {
            if (settings.containsKey(p.name())) {
                continue;
            }
            p.defaultFor(major).ifPresent(d -> defaults.put(p.name(), new PgSetting(p.name(),
                    ParameterTable.normalise(p, d), p.unit(), p.vartype(), p.context(), SOURCE_DEFAULT, null, null,
                    false)));
        }
        settings.putAll(defaults);
        return new Result(List.copyOf(settings.values()), files);
    }
}
