package io.dbaudit.cli;

import io.dbaudit.model.Severity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** What makes a run fail, and what is waived or already known (a mixin for scan and evaluate). */
final class GateOptions {
    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 4 when a FAIL has at least this severity (INFO, LOW, MEDIUM, HIGH, CRITICAL). Default: off.")
    String failOn;

    @Option(names = "--fail-on-new",
            description = "With --baseline: gate only on findings the baseline did not have (severity from --fail-on, default INFO).")
    boolean failOnNew;

    @Option(names = "--fail-on-incomplete", description = "Exit 5 also when a rule ended in ERROR (facts not readable).")
    boolean failOnIncomplete;

    @Option(names = "--waivers", paramLabel = "FILE", description = "Waivers (YAML) with justification and expiry.")
    Path waivers;

    @Option(names = "--baseline", paramLabel = "REPORT.json",
            description = "A previous JSON report: findings are marked new/existing and fixed ones listed.")
    Path baseline;

    @Option(names = "--severity", paramLabel = "SEVERITY",
            description = "Show only FAIL results at or above this severity in the console and HTML (JSON, SARIF and JUnit stay complete).")
    String severity;

    Optional<Severity> gateSeverity() {
        Optional<Severity> s = parse("--fail-on", failOn);
        if (s.isEmpty() && failOnNew) {
            return Optional.of(Severity.INFO);
        }
        return s;
    }

    Optional<Severity> shownSeverity() {
        return parse("--severity", severity);
    }

    void check() {
        gateSeverity();
        shownSeverity();
        if (failOnNew && baseline == null) {
            throw new BadInputException("--fail-on-new needs --baseline REPORT.json");
        }
    }

    private static Optional<Severity> parse(String option, String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }
}
