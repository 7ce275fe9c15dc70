package io.dbaudit.cli;

import io.dbaudit.engine.snapshot.Snapshot;
import io.dbaudit.engine.snapshot.SnapshotJson;
import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.model.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a snapshot written by `dbaudit collect` — no connection to any server.",
        footer = {"", "Exit codes: 0 ok, 1 tool error, 2 bad input, 4 gate failed, 5 incomplete."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FACTS.json", description = "The snapshot.")
    Path snapshotFile;

    @Mixin
    GateOptions gate = new GateOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--rules", paramLabel = "DIR", description = "An extra rule pack directory (repeatable).")
    List<Path> rulePacks = new ArrayList<>();

    @Option(names = "--param", paramLabel = "RULE.NAME=VALUE", description = "Override a rule parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Evaluate as of this time (default: when the snapshot was collected), e.g. 2026-12-01T00:00:00Z.")
    Instant at;

    @Override
    public Integer call() {
        Snapshot snapshot;
        try {
            snapshot = SnapshotJson.read(snapshotFile);
        } catch (InputException e) {
            throw new BadInputException(e.getMessage());
        }
        output.reportFormats();
        ReportPipeline.Inputs inputs = ReportPipeline.Inputs.load(gate);
        var engine = RuleSetup.engine(rulePacks);
        Map<String, Object> overrides = ParamOverrides.of(params, engine.catalog());
        // Time-based rules judge the facts as of collection, so an old snapshot gives the same answers.
        Clock clock = Clock.fixed(at != null ? at : snapshot.collectedAt(), ZoneOffset.UTC);
        List<CollectedTarget> collected = snapshot.targets().stream()
                .map(t -> new CollectedTarget(new TargetSpec(t.target(), new io.dbaudit.collectors.PasswordSource.Default()),
                        t.facts().isEmpty() && t.collected().isEmpty() ? null : t.toTargetFacts(), t.info()))
                .toList();
        ScanReport raw = Evaluation.evaluate(engine, collected, overrides, inputs.baseline(), clock.instant(), clock);
        Map<String, List<String>> tags = collected.stream()
                .collect(Collectors.toMap(c -> c.spec().target().id(), c -> c.spec().tags()));
        return ReportPipeline.finish(raw, tags, inputs, gate, output, System.out);
    }
}
