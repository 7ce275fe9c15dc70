package io.dbaudit.cli;

import io.dbaudit.model.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan live targets read-only and report every rule's result.",
        footer = {"", "Passwords are never taken as option values: use --password-env, --password-file, "
                + "password: {env|file} in the inventory, PGPASSWORD or ~/.pgpass.",
                "Exit codes: 0 ok, 1 tool error, 2 bad input, 4 gate failed, 5 incomplete."})
final class ScanCommand implements Callable<Integer> {
    @Mixin
    TargetOptions targets = new TargetOptions();

    @Mixin
    GateOptions gate = new GateOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--rules", paramLabel = "DIR", description = "An extra rule pack directory (repeatable).")
    List<Path> rulePacks = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "PATH",
            description = "A configuration file or directory to judge without a server (postgresql.conf, pg_hba.conf, "
                    + "patroni.yml, redis.conf, mongod.conf); repeatable, mixable with live targets.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "The engine of the --config files when their name and content do not tell.")
    String engine;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "PostgreSQL major version the --config files are meant for (version-aware checks).")
    Integer pgVersion;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "RAM of the host the --config files are for (e.g. 16GiB), for the memory formulas.")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs of the host the --config files are for.")
    Integer cpus;

    @Option(names = "--param", paramLabel = "RULE.NAME=VALUE",
            description = "Override a rule parameter, e.g. PG-SEC-009.days=30 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (!targets.given() && configs.isEmpty()) {
            throw new BadInputException("give --target URL, --inventory FILE or --config PATH");
        }
        List<TargetSpec> specs = targets.given() ? targets.specs() : List.of();
        java.util.Optional<io.dbaudit.model.EngineKind> forced;
        try {
            forced = java.util.Optional.ofNullable(engine).map(io.dbaudit.model.EngineKind::parse);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--engine: " + e.getMessage());
        }
        List<CollectedTarget> files = configs.isEmpty() ? List.of()
                : ConfigTargets.withHost(ConfigTargets.load(configs, forced, java.util.Optional.ofNullable(pgVersion)),
                        memory, cpus);
        output.reportFormats();
        ReportPipeline.Inputs inputs = ReportPipeline.Inputs.load(gate);
        var engine = RuleSetup.engine(rulePacks);
        Map<String, Object> overrides = ParamOverrides.of(params, engine.catalog());
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        List<CollectedTarget> collected = new ArrayList<>(files);
        if (!specs.isEmpty()) {
            collected.addAll(new FleetCollector(targets.collectOptions(), targets.parallel,
                    Duration.ofSeconds(targets.targetTimeout)).collect(specs));
        }
        ScanReport raw = Evaluation.evaluate(engine, collected, overrides, inputs.baseline(), started, clock);
        Map<String, List<String>> tags = collected.stream()
                .collect(Collectors.toMap(c -> c.spec().target().id(), c -> c.spec().tags(), (a, b) -> a));
        return ReportPipeline.finish(raw, tags, inputs, gate, output, System.out);
    }
}
