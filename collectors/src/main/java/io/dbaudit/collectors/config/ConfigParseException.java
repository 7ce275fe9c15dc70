package io.dbaudit.collectors.config;

/**
 * A configuration file that PostgreSQL would refuse: a syntax error, an invalid value, a missing or
 * cyclic include. The message is one line, {@code file:line: what is wrong}, meant to be shown to the
 * user as it is (no stack trace).
 */
public final class ConfigParseException extends Exception {
    private final String file;
    private final int line;

    public ConfigParseException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file the error is in, as an absolute path. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the error concerns the whole file (it cannot be read). */
    public int line() {
        return line;
    }
}
