package io.dbaudit.cli;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.report.ReportBuilder;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Collect → evaluate → one report, for a list of targets. A target that cannot be scanned is recorded
 * with its status and reason and never stops the others.
 */
final class ScanRunner {
    private final AuditEngine engine;
    private final CollectOptions options;
    private final Map<String, Object> overrides;
    private final Clock clock;
    private final Map<EngineKind, Collector> collectors = new EnumMap<>(EngineKind.class);

    ScanRunner(AuditEngine engine, CollectOptions options, Map<String, Object> overrides, Clock clock) {
        this.engine = engine;
        this.options = options;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        ServiceLoader.load(Collector.class, ScanRunner.class.getClassLoader())
                .forEach(c -> collectors.put(c.engine(), c));
    }

    ScanReport run(List<TargetSpec> specs) {
        Instant started = clock.instant();
        List<TargetInfo> targets = new ArrayList<>();
        List<RuleResult> results = new ArrayList<>();
        for (TargetSpec spec : specs) {
            long t0 = System.nanoTime();
            Collector collector = collectors.get(spec.target().engine());
            if (collector == null) {
                targets.add(info(spec, null, TargetStatus.ERROR, "no collector for " + spec.target().engine().label(), t0));
                continue;
            }
            try {
                TargetFacts facts = collector.collect(spec.target(), spec.password(), options);
                results.addAll(engine.audit(facts, clock.instant(), overrides));
                TargetStatus status = facts.errors().isEmpty() ? TargetStatus.COMPLETE : TargetStatus.PARTIAL;
                String detail = facts.errors().isEmpty() ? null
                        : facts.errors().size() + " fact kind(s) not readable: " + String.join(", ",
                        facts.errors().stream().map(e -> e.factKind() + " (" + e.reason().label() + ")").toList());
                targets.add(info(spec, facts.version(), status, detail, t0));
            } catch (TargetUnavailableException e) {
                targets.add(info(spec, null, e.status(), e.getMessage(), t0));
            } catch (RuntimeException e) {
                targets.add(info(spec, null, TargetStatus.ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), t0));
            }
        }
        return ReportBuilder.build(VersionInfo.tool(), started, clock.instant(), targets, results,
                engine.catalog().rules());
    }

    private static TargetInfo info(TargetSpec spec, String version, TargetStatus status, String detail, long t0) {
        return new TargetInfo(spec.target().id(), spec.target().engine(), spec.target().endpoint(), version, status,
                detail, (System.nanoTime() - t0) / 1_000_000);
    }
}
