package io.dbaudit.cli;

import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.report.ReportBuilder;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collected targets → raw report (before waivers and baseline). Used by scan, evaluate and demo. */
final class Evaluation {
    private Evaluation() {
    }

    static ScanReport evaluate(AuditEngine engine, List<CollectedTarget> collected, Map<String, Object> overrides,
                               Instant started, Clock clock) {
        List<TargetFacts> reached = ClusterPeers.join(collected.stream().map(CollectedTarget::facts)
                .filter(Objects::nonNull).toList());
        List<RuleResult> results = new ArrayList<>();
        Instant now = clock.instant();
        for (TargetFacts facts : reached) {
            results.addAll(engine.audit(facts, now, overrides));
        }
        List<TargetInfo> infos = collected.stream().map(CollectedTarget::info).toList();
        return ReportBuilder.build(VersionInfo.tool(), started, clock.instant(), infos, results,
                engine.catalog().rules());
    }
}
