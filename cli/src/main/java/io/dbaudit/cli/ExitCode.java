package io.dbaudit.cli;

/**
 * Every exit status the CLI can return, documented in the README. When several apply, the lowest-numbered
 * non-zero one wins except that a failed gate (4) is reported before an incomplete run (5).
 */
public enum ExitCode {
    OK(0, "scan ran; no finding at or above --fail-on; every target was scanned"),
    TOOL_ERROR(1, "unexpected failure inside dbaudit (a bug, or the environment, e.g. the demo server cannot start)"),
    BAD_INPUT(2, "bad usage or bad input: unknown option, malformed target URL, unreadable password file, invalid rule pack"),
    GATE_FAILED(4, "at least one FAIL result at or above --fail-on"),
    INCOMPLETE(5, "a target could not be scanned (unreachable, login refused), or with --fail-on-incomplete a rule ended in ERROR");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
