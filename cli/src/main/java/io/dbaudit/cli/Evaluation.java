package io.dbaudit.cli;

import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.report.Observations;
import io.dbaudit.engine.report.ReportBuilder;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.Observation;
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

    /**
     * @param baseline the --baseline report or null: its observations (timelines) become
     *                 PreviousObservation facts of the same targets
     */
    static ScanReport evaluate(AuditEngine engine, List<CollectedTarget> collected, Map<String, Object> overrides,
                               ScanReport baseline, Instant started, Clock clock) {
        List<TargetFacts> reached = ClusterPeers.join(collected.stream().map(CollectedTarget::facts)
                .filter(Objects::nonNull).toList());
        List<RuleResult> results = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        Instant now = clock.instant();
        for (TargetFacts facts : reached) {
            observations.addAll(Observations.of(facts));
            results.addAll(engine.audit(Observations.withPrevious(facts, baseline), now, overrides));
        }
        List<TargetInfo> infos = collected.stream().map(CollectedTarget::info).toList();
        return ReportBuilder.build(VersionInfo.tool(), started, clock.instant(), infos, results,
                engine.catalog().rules(), observations);
    }
}
