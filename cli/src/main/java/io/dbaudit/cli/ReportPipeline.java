package io.dbaudit.cli;

import io.dbaudit.engine.baseline.Baseline;
import io.dbaudit.engine.gate.Gate;
import io.dbaudit.engine.report.ReportBuilder;
import io.dbaudit.engine.waiver.Waiver;
import io.dbaudit.engine.waiver.WaiverApplier;
import io.dbaudit.engine.waiver.WaiverFile;
import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.FixedFinding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.WaiverNotice;
import io.dbaudit.reports.JsonReportReader;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From raw results to what the user gets: waivers, baseline, summary, report files, console output and
 * the exit code. Shared by scan, evaluate and demo so that they can never disagree.
 */
final class ReportPipeline {
    private ReportPipeline() {
    }

    /** Reads the waiver and baseline files up front, so bad input stops the run before any scanning. */
    record Inputs(List<Waiver> waivers, ScanReport baseline) {
        static Inputs load(GateOptions gate) {
            gate.check();
            List<Waiver> waivers;
            try {
                waivers = gate.waivers == null ? List.of() : WaiverFile.load(gate.waivers);
            } catch (InputException e) {
                throw new BadInputException(e.getMessage());
            }
            ScanReport baseline = null;
            if (gate.baseline != null) {
                try {
                    baseline = new JsonReportReader().read(gate.baseline);
                } catch (IOException | RuntimeException e) {
                    throw new BadInputException(gate.baseline + ": not a readable dbaudit JSON report: " + e.getMessage());
                }
            }
            return new Inputs(waivers, baseline);
        }
    }

    static int finish(ScanReport raw, Map<String, List<String>> tags, Inputs inputs, GateOptions gate,
                      OutputOptions out, PrintStream stdout) {
        List<RuleResult> results = raw.results();
        List<WaiverNotice> notices = List.of();
        if (!inputs.waivers().isEmpty()) {
            var w = WaiverApplier.apply(results, inputs.waivers(), tags, LocalDate.ofInstant(raw.startedAt(), ZoneOffset.UTC));
            results = w.results();
            notices = w.notices();
        }
        List<FixedFinding> fixed = List.of();
        if (inputs.baseline() != null) {
            var b = Baseline.compare(results, inputs.baseline());
            results = b.results();
            fixed = b.fixed();
        }
        ScanReport report = raw.withResults(results, ReportBuilder.summarize(raw.targets(), results), notices, fixed);
        ReportOutput.emit(report, shown(report, gate.shownSeverity()), out, stdout);
        for (WaiverNotice n : notices) {
            stdout.println("Waiver " + n.kind() + ": " + n.id() + " (" + n.ruleId() + ", " + n.location()
                    + (n.kind().equals("expired") ? ", expired " + n.expires() : "") + ")");
        }
        if (inputs.baseline() != null) {
            long fresh = results.stream().flatMap(r -> r.findings().stream())
                    .filter(f -> "new".equals(f.baseline())).count();
            stdout.println("Baseline: " + fresh + " new finding(s), " + fixed.size() + " fixed");
        }
        return Exits.of(Gate.evaluate(report, gate.gateSeverity(), gate.failOnIncomplete, gate.failOnNew)).code();
    }

    /** The report as the console and HTML show it: FAIL results below --severity left out. */
    private static ScanReport shown(ScanReport report, Optional<Severity> min) {
        if (min.isEmpty()) {
            return report;
        }
        List<RuleResult> kept = report.results().stream()
                .filter(r -> r.status() != Status.FAIL || r.severity().atLeast(min.get())).toList();
        return report.withResults(kept, ReportBuilder.summarize(report.targets(), kept), report.waiverNotices(),
                report.fixed());
    }
}
