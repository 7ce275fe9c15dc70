package io.dbaudit.cli;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.engine.gate.Gate;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Target;
import io.dbaudit.model.result.ScanReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan live targets read-only and report every rule's result.",
        footer = {"", "Passwords are never taken as option values: use --password-env, --password-file, "
                + "PGPASSWORD or ~/.pgpass.", "Exit codes: 0 ok, 1 tool error, 2 bad input, 4 gate failed, 5 incomplete."})
final class ScanCommand implements Callable<Integer> {

    @Option(names = {"-t", "--target"}, paramLabel = "URL", required = true,
            description = "Target URL, repeatable: postgresql://user@host:port/db?sslmode=prefer")
    List<String> targets = new ArrayList<>();

    @ArgGroup(exclusive = true)
    PasswordOptions password = new PasswordOptions();

    @picocli.CommandLine.Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 4 when a FAIL result has at least this severity (INFO, LOW, MEDIUM, HIGH, CRITICAL). "
                    + "Default: off.")
    String failOn;

    @Option(names = "--fail-on-incomplete", description = "Exit 5 also when a rule ended in ERROR (facts not readable).")
    boolean failOnIncomplete;

    @Option(names = "--rules", paramLabel = "DIR", description = "An extra rule pack directory (repeatable).")
    List<Path> rulePacks = new ArrayList<>();

    @Option(names = "--param", paramLabel = "RULE.NAME=VALUE",
            description = "Override a rule parameter, e.g. PG-SEC-009.days=30 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect timeout per target (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "statement_timeout of the scanner's sessions (default: ${DEFAULT-VALUE}).")
    int statementTimeout;

    static final class PasswordOptions {
        @Option(names = "--password-env", paramLabel = "NAME",
                description = "Read the password from this environment variable.")
        String env;

        @Option(names = "--password-file", paramLabel = "PATH",
                description = "Read the password from the first line of this file.")
        Path file;

        PasswordSource source() {
            if (env != null) {
                return new PasswordSource.FromEnv(env);
            }
            if (file != null) {
                return new PasswordSource.FromFile(file);
            }
            return new PasswordSource.Default();
        }
    }

    @Override
    public Integer call() {
        Optional<Severity> gate = parseSeverity(failOn);
        List<TargetSpec> specs = new ArrayList<>();
        for (String url : targets) {
            Target t;
            try {
                t = Targets.parse(url);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--target: " + e.getMessage());
            }
            specs.add(new TargetSpec(t, password == null ? new PasswordSource.Default() : password.source()));
        }
        output.reportFormats();
        var engine = RuleSetup.engine(rulePacks);
        CollectOptions options = new CollectOptions(Duration.ofSeconds(connectTimeout),
                Duration.ofSeconds(statementTimeout), CollectOptions.defaults().lockTimeout());
        ScanReport report = new ScanRunner(engine, options, ParamOverrides.of(params, engine.catalog()), Clock.systemUTC()).run(specs);
        ReportOutput.emit(report, output, System.out);
        return Exits.of(Gate.evaluate(report, gate, failOnIncomplete)).code();
    }

    static Optional<Severity> parseSeverity(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--fail-on: " + e.getMessage());
        }
    }
}
