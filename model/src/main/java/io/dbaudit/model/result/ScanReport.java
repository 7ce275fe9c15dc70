package io.dbaudit.model.result;

import io.dbaudit.model.rule.RuleMeta;

import java.time.Instant;
import java.util.List;

/**
 * The whole outcome of a run: the JSON report is this record, and every other format is rendered from it.
 * {@code rules} carries the metadata of each rule that has a result, so a report is self-describing.
 * {@code waiverNotices} lists expired and unused waivers; {@code fixed} the baseline findings that are gone;
 * {@code observations} values a later run compares against (timelines).
 */
public record ScanReport(int schemaVersion, ToolInfo tool, Instant startedAt, Instant finishedAt,
                         List<TargetInfo> targets, List<RuleResult> results, List<RuleMeta> rules,
                         Summary summary, List<WaiverNotice> waiverNotices, List<FixedFinding> fixed,
                         List<Observation> observations) {
    public static final int SCHEMA_VERSION = 1;

    public ScanReport(int schemaVersion, ToolInfo tool, Instant startedAt, Instant finishedAt,
                      List<TargetInfo> targets, List<RuleResult> results, List<RuleMeta> rules, Summary summary) {
        this(schemaVersion, tool, startedAt, finishedAt, targets, results, rules, summary, List.of(), List.of(), List.of());
    }

    public ScanReport(int schemaVersion, ToolInfo tool, Instant startedAt, Instant finishedAt,
                      List<TargetInfo> targets, List<RuleResult> results, List<RuleMeta> rules, Summary summary,
                      List<WaiverNotice> waiverNotices, List<FixedFinding> fixed) {
        this(schemaVersion, tool, startedAt, finishedAt, targets, results, rules, summary, waiverNotices, fixed, List.of());
    }

    public ScanReport {
        waiverNotices = waiverNotices == null ? List.of() : List.copyOf(waiverNotices);
        fixed = fixed == null ? List.of() : List.copyOf(fixed);
        observations = observations == null ? List.of() : List.copyOf(observations);
    }

    public ScanReport withResults(List<RuleResult> newResults, Summary newSummary, List<WaiverNotice> notices,
                                  List<FixedFinding> newFixed) {
        return new ScanReport(schemaVersion, tool, startedAt, finishedAt, targets, newResults, rules, newSummary,
                notices, newFixed, observations);
    }
}
