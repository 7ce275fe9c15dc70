package io.dbaudit.engine.baseline;

import io.dbaudit.model.Status;
import io.dbaudit.model.result.FixedFinding;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with a previous report by finding fingerprint (rule + target + object, never messages or
 * times): each current finding is NEW or EXISTING, and baseline findings that are gone are FIXED — but
 * only where this run re-evaluated the same rule on the same target (an unreachable target or an ERROR
 * result fixes nothing).
 */
public final class Baseline {
    public record Outcome(List<RuleResult> results, List<FixedFinding> fixed) {
    }

    private Baseline() {
    }

    public static Outcome compare(List<RuleResult> current, ScanReport baseline) {
        Map<String, FixedFinding> before = new LinkedHashMap<>();
        for (RuleResult r : baseline.results()) {
            if (r.status() == Status.FAIL || r.status() == Status.WAIVED) {
                for (Finding f : r.findings()) {
                    before.put(f.fingerprint(), new FixedFinding(r.ruleId(), r.target(), f.object(), f.fingerprint()));
                }
            }
        }
        Set<String> reEvaluated = new HashSet<>();
        Set<String> now = new HashSet<>();
        List<RuleResult> out = new ArrayList<>();
        for (RuleResult r : current) {
            if (r.status() == Status.PASS || r.status() == Status.FAIL || r.status() == Status.WAIVED) {
                reEvaluated.add(r.ruleId() + "\u0000" + r.target());
            }
            List<Finding> marked = r.findings().stream().map(f -> {
                now.add(f.fingerprint());
                return f.withBaseline(before.containsKey(f.fingerprint()) ? Finding.EXISTING : Finding.NEW);
            }).toList();
            out.add(new RuleResult(r.ruleId(), r.target(), r.status(), r.reason(), r.detail(), r.severity(), r.area(),
                    r.title(), r.remediationLanguage(), r.effect(), marked));
        }
        List<FixedFinding> fixed = before.values().stream()
                .filter(f -> !now.contains(f.fingerprint()))
                .filter(f -> reEvaluated.contains(f.ruleId() + "\u0000" + f.target()))
                .toList();
        return new Outcome(out, fixed);
    }
}
