package io.dbaudit.engine.waiver;

import io.dbaudit.model.Status;
import io.dbaudit.model.result.AppliedWaiver;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.WaiverNotice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies waivers to results: an active waiver marks the findings it covers; a FAIL whose findings are
 * all waived becomes WAIVED (still shown). Expired waivers are ignored and reported; waivers that matched
 * nothing are reported as unused (the dependency-check pattern: stale suppressions must surface).
 */
public final class WaiverApplier {
    public record Outcome(List<RuleResult> results, List<WaiverNotice> notices) {
    }

    private WaiverApplier() {
    }

    /** @param targetTags tags per target id (targets without tags may be absent) */
    public static Outcome apply(List<RuleResult> results, List<Waiver> waivers, Map<String, List<String>> targetTags,
                                LocalDate today) {
        List<WaiverNotice> notices = new ArrayList<>();
        List<Waiver> active = new ArrayList<>();
        for (Waiver w : waivers) {
            if (w.activeOn(today)) {
                active.add(w);
            } else {
                notices.add(new WaiverNotice("expired", w.id(), w.rule(), w.location(), w.expires()));
            }
        }
        Set<String> used = new HashSet<>();
        List<RuleResult> out = new ArrayList<>();
        for (RuleResult r : results) {
            if (r.status() != Status.FAIL) {
                out.add(r);
                continue;
            }
            List<String> tags = targetTags.getOrDefault(r.target(), List.of());
            List<Finding> findings = new ArrayList<>();
            for (Finding f : r.findings()) {
                Waiver match = active.stream()
                        .filter(w -> w.rule().equals(r.ruleId()) && w.matchesTarget(r.target(), tags)
                                && w.matchesObject(f.object()))
                        .findFirst().orElse(null);
                if (match != null) {
                    used.add(match.id());
                    findings.add(f.withWaiver(new AppliedWaiver(match.id(), match.justification(), match.expires(),
                            match.approver())));
                } else {
                    findings.add(f);
                }
            }
            boolean allWaived = findings.stream().allMatch(Finding::waived);
            out.add(new RuleResult(r.ruleId(), r.target(), allWaived ? Status.WAIVED : Status.FAIL, r.reason(),
                    r.detail(), r.severity(), r.area(), r.title(), r.remediationLanguage(), r.effect(), findings));
        }
        for (Waiver w : active) {
            if (!used.contains(w.id())) {
                notices.add(new WaiverNotice("unused", w.id(), w.rule(), w.location(), w.expires()));
            }
        }
        return new Outcome(out, notices);
    }
}
