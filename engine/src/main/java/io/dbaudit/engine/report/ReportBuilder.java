package io.dbaudit.engine.report;

import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Observation;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.Summary;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.ToolInfo;
import io.dbaudit.model.rule.RuleMeta;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Puts targets, results and the metadata of the rules that produced them into one {@link ScanReport}. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static ScanReport build(ToolInfo tool, Instant started, Instant finished, List<TargetInfo> targets,
                                   List<RuleResult> results, Collection<RuleMeta> catalog) {
        return build(tool, started, finished, targets, results, catalog, List.of());
    }

    public static ScanReport build(ToolInfo tool, Instant started, Instant finished, List<TargetInfo> targets,
                                   List<RuleResult> results, Collection<RuleMeta> catalog,
                                   List<Observation> observations) {
        Set<String> used = results.stream().map(RuleResult::ruleId).collect(Collectors.toSet());
        List<RuleMeta> rules = catalog.stream().filter(r -> used.contains(r.id())).toList();
        return new ScanReport(ScanReport.SCHEMA_VERSION, tool, started, finished, targets, results, rules,
                summarize(targets, results), List.of(), List.of(), observations);
    }

    public static Summary summarize(List<TargetInfo> targets, List<RuleResult> results) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            byStatus.put(s.name(), (int) results.stream().filter(r -> r.status() == s).count());
        }
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
            bySeverity.put(s.name(), (int) results.stream()
                    .filter(r -> r.status() == Status.FAIL && r.severity() == s).count());
        }
        int findings = results.stream().filter(r -> r.status() == Status.FAIL).mapToInt(r -> r.findings().size()).sum();
        int rules = (int) results.stream().map(RuleResult::ruleId).distinct().count();
        return new Summary(targets.size(), rules, byStatus, bySeverity, findings);
    }
}
