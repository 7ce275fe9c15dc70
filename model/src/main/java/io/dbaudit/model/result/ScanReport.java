package io.dbaudit.model.result;

import io.dbaudit.model.rule.RuleMeta;

import java.time.Instant;
import java.util.List;

/**
 * The whole outcome of a run: the JSON report is this record, and every other format is rendered from it.
 * {@code rules} carries the metadata of each rule that has a result, so a report is self-describing.
 */
public record ScanReport(int schemaVersion, ToolInfo tool, Instant startedAt, Instant finishedAt,
                         List<TargetInfo> targets, List<RuleResult> results, List<RuleMeta> rules,
                         Summary summary) {
    public static final int SCHEMA_VERSION = 1;
}
