package io.dbaudit.cli;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL with planted problems, scan it and write the reports.",
        footer = {"", "Exit codes: 0 the demo ran (findings are expected), 1 the embedded server could not start."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws IOException {
        output.reportFormats();
        Path dataDir = Files.createTempDirectory("dbaudit-demo-");
        System.out.println("Starting an embedded PostgreSQL with planted problems (data in " + dataDir + ") ...");
        DemoServer server;
        try {
            server = DemoServer.start(dataDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("dbaudit demo: the embedded PostgreSQL could not start: " + rootMessage(e));
            System.err.println("  PostgreSQL refuses to run as root; as root the embedded launcher needs `unshare -U`"
                    + " (user namespaces). Run the demo as a non-root user, or allow unprivileged user namespaces.");
            deleteQuietly(dataDir);
            return ExitCode.TOOL_ERROR.code();
        }
        try (server) {
            String url = "postgresql://postgres@localhost:" + server.port() + "/postgres?sslmode=disable";
            System.out.println("Scanning " + url);
            var engine = RuleSetup.engine(List.of());
            Clock clock = Clock.systemUTC();
            var started = clock.instant();
            List<CollectedTarget> collected = new FleetCollector(CollectOptions.defaults(), 1, Duration.ofMinutes(5))
                    .collect(List.of(new TargetSpec(Targets.parse(url), new PasswordSource.Default())));
            ScanReport report = Evaluation.evaluate(engine, collected, Map.of(), null, started, clock);
            ReportOutput.emit(report, report, output, System.out);
            boolean scanned = report.targets().stream().allMatch(t -> t.status() == TargetStatus.COMPLETE
                    || t.status() == TargetStatus.PARTIAL);
            if (!scanned) {
                System.err.println("dbaudit demo: the scan did not complete: " + report.targets().get(0).detail());
                return ExitCode.TOOL_ERROR.code();
            }
            return ExitCode.OK.code();
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the demo for
        }
    }
}
