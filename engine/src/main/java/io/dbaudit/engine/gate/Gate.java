package io.dbaudit.engine.gate;

import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetStatus;

import java.util.Optional;

/**
 * Decides whether a run passes its gate. Kept apart from the CLI's exit codes so that the rule
 * ("which results count") is tested once and the CLI only maps outcomes to numbers.
 */
public final class Gate {
    public enum Outcome { PASSED, FINDINGS_AT_OR_ABOVE_THRESHOLD, INCOMPLETE }

    private Gate() {
    }

    /**
     * @param failOn          fail when a FAIL result has at least this severity; empty = never
     * @param errorsIncomplete count ERROR results as incomplete (not only unreachable targets)
     */
    public static Outcome evaluate(ScanReport report, Optional<Severity> failOn, boolean errorsIncomplete) {
        return evaluate(report, failOn, errorsIncomplete, false);
    }

    /**
     * @param onlyNew count only findings marked NEW against a baseline (findings waived never count)
     */
    public static Outcome evaluate(ScanReport report, Optional<Severity> failOn, boolean errorsIncomplete,
                                   boolean onlyNew) {
        boolean gateFailed = failOn.isPresent() && report.results().stream()
                .filter(r -> r.status() == Status.FAIL && r.severity().atLeast(failOn.get()))
                .anyMatch(r -> r.findings().stream().anyMatch(f -> !f.waived()
                        && (!onlyNew || Finding.NEW.equals(f.baseline()))));
        if (gateFailed) {
            return Outcome.FINDINGS_AT_OR_ABOVE_THRESHOLD;
        }
        boolean targetsMissing = report.targets().stream()
                .anyMatch(t -> t.status() != TargetStatus.COMPLETE && t.status() != TargetStatus.PARTIAL);
        boolean errors = errorsIncomplete && report.results().stream().anyMatch(r -> r.status() == Status.ERROR);
        if (targetsMissing || errors) {
            return Outcome.INCOMPLETE;
        }
        return Outcome.PASSED;
    }
}
