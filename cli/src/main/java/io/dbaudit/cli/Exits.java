package io.dbaudit.cli;

import io.dbaudit.engine.gate.Gate;

/** Maps the gate's outcome to the CLI's exit code. */
final class Exits {
    private Exits() {
    }

    static ExitCode of(Gate.Outcome outcome) {
        return switch (outcome) {
            case PASSED -> ExitCode.OK;
            case FINDINGS_AT_OR_ABOVE_THRESHOLD -> ExitCode.GATE_FAILED;
            case INCOMPLETE -> ExitCode.INCOMPLETE;
        };
    }
}
