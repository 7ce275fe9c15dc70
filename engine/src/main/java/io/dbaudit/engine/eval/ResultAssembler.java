package io.dbaudit.engine.eval;

import io.dbaudit.engine.template.Template;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Status;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.rule.RuleMeta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns raw findings into one result per (rule, target). A rule whose required facts could not be
 * collected is ERROR with the collector's reason, or ERROR(missing) when they were never attempted — it
 * is never PASS on data it did not see.
 */
public final class ResultAssembler {

    public RuleResult assemble(RuleMeta meta, TargetFacts target, List<RawFinding> raw,
                               Map<String, Object> overrides) {
        String targetId = target.target().id();
        List<Finding> findings = raw.stream()
                .filter(f -> f.ruleId().equals(meta.id()))
                .map(f -> render(meta, targetId, f, overrides))
                .sorted(Comparator.comparing(Finding::object, Comparator.nullsFirst(Comparator.naturalOrder())))
                .distinct()
                .toList();
        Optional<CollectionError> error = meta.requires().stream()
                .flatMap(kind -> target.errors().stream().filter(e -> e.factKind().equals(kind)))
                .findFirst();
        if (error.isPresent()) {
            return result(meta, targetId, Status.ERROR, error.get().reason(),
                    error.get().factKind() + ": " + error.get().message(), findings);
        }
        Set<String> seen = new HashSet<>(target.collected());
        target.facts().stream().map(Fact::kind).forEach(seen::add);
        List<String> missing = meta.requires().stream().filter(k -> !seen.contains(k)).toList();
        if (meta.live() && target.target().fromConfigFiles()) {
            return result(meta, targetId, Status.SKIPPED, ErrorReason.STATIC,
                    "judged on a live server only (its input is not in configuration files)", List.of());
        }
        if (!missing.isEmpty() && target.target().fromConfigFiles()) {
            return result(meta, targetId, Status.SKIPPED, ErrorReason.STATIC,
                    "needs a live server for: " + String.join(", ", missing), List.of());
        }
        if (!missing.isEmpty()) {
            return result(meta, targetId, Status.ERROR, ErrorReason.MISSING,
                    "not collected: " + String.join(", ", missing), findings);
        }
        if (!meta.skipUnless().isEmpty() && meta.skipUnless().stream().noneMatch(seen::contains)) {
            return result(meta, targetId, Status.SKIPPED, ErrorReason.NOT_APPLICABLE,
                    "needs " + String.join(" or ", meta.skipUnless()) + " (see the rule's description)", List.of());
        }
        return result(meta, targetId, findings.isEmpty() ? Status.PASS : Status.FAIL, null, null, findings);
    }

    private static RuleResult result(RuleMeta m, String target, Status status, ErrorReason reason, String detail,
                                     List<Finding> findings) {
        return new RuleResult(m.id(), target, status, reason, detail, m.severity(), m.area(), m.title(),
                m.remediation() == null ? null : m.remediation().language(),
                m.remediation() == null ? null : m.remediation().effect(), findings);
    }

    private static Finding render(RuleMeta meta, String targetId, RawFinding f, Map<String, Object> overrides) {
        Function<String, String> lookup = name -> {
            if (name.equals("object")) {
                return f.object();
            }
            if (name.startsWith("param.")) {
                String p = name.substring("param.".length());
                Object v = overrides.getOrDefault(meta.id() + "." + p, meta.parameters().get(p));
                return v == null ? null : String.valueOf(v);
            }
            return f.evidence().get(name);
        };
        String message = safeRender(meta.message(), lookup);
        String remediation = null;
        String rollback = null;
        if (meta.remediation() != null) {
            remediation = safeRender(meta.remediation().template(), lookup);
            rollback = meta.remediation().rollback() == null ? null : safeRender(meta.remediation().rollback(), lookup);
        }
        return new Finding(message, f.object(), f.evidence(), remediation, rollback,
                fingerprint(meta.id(), targetId, f.object()), f.evidence().get("location"));
    }

    /** A template that cannot render (a value refused by a quoting helper) yields a visible note, never raw text. */
    private static String safeRender(String template, Function<String, String> lookup) {
        try {
            return new Template(template).render(lookup);
        } catch (RuntimeException e) {
            return "-- not rendered: " + e.getMessage();
        }
    }

    /** Stable across runs: rule, target and object only — never messages or timestamps. */
    public static String fingerprint(String ruleId, String targetId, String object) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((ruleId + "\u0000" + targetId + "\u0000" + object).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
