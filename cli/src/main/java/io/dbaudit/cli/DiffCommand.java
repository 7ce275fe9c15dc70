package io.dbaudit.cli;

import io.dbaudit.engine.baseline.Baseline;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.reports.JsonReportReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "What changed between two JSON reports: new and fixed findings, and rule status changes.",
        footer = {"", "Exit codes: 0 ok (or nothing new with --fail-on-new), 2 bad input, 4 new findings with --fail-on-new."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD.json")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW.json")
    Path newer;

    @Option(names = "--fail-on-new", description = "Exit 4 when the newer report has findings the older one did not.")
    boolean failOnNew;

    @Override
    public Integer call() {
        ScanReport a = read(older);
        ScanReport b = read(newer);
        var outcome = Baseline.compare(b.results(), a);
        PrintStream out = System.out;
        int fresh = 0;
        for (RuleResult r : outcome.results()) {
            for (Finding f : r.findings()) {
                if (Finding.NEW.equals(f.baseline())) {
                    fresh++;
                    out.println("NEW     " + r.severity() + " " + r.ruleId() + " " + clean(r.target()) + " " + clean(f.object()));
                }
            }
        }
        outcome.fixed().forEach(f -> out.println("FIXED   " + f.ruleId() + " " + clean(f.target()) + " " + clean(f.object())));
        Map<String, String> before = new HashMap<>();
        a.results().forEach(r -> before.put(r.ruleId() + "\u0000" + r.target(), r.status().name()));
        for (RuleResult r : b.results()) {
            String was = before.get(r.ruleId() + "\u0000" + r.target());
            if (was != null && !was.equals(r.status().name())) {
                out.println("STATUS  " + r.ruleId() + " " + clean(r.target()) + " " + was + " -> " + r.status());
            }
        }
        out.println(fresh + " new, " + outcome.fixed().size() + " fixed");
        return (failOnNew && fresh > 0 ? ExitCode.GATE_FAILED : ExitCode.OK).code();
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
    }

    private static ScanReport read(Path p) {
        try {
            return new JsonReportReader().read(p);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(p + ": not a readable dbaudit JSON report: " + e.getMessage());
        }
    }
}
