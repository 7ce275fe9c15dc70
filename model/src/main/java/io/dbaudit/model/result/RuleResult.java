package io.dbaudit.model.result;

import io.dbaudit.model.Area;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;

import java.util.List;

/**
 * One result per (rule, target). {@code reason}/{@code detail} explain ERROR and SKIPPED.
 * {@code effect} says whether the remediation is online, needs a reload or a restart.
 */
public record RuleResult(String ruleId, String target, Status status, ErrorReason reason, String detail,
                         Severity severity, Area area, String title, String remediationLanguage, String effect,
                         List<Finding> findings) {
    public RuleResult {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
