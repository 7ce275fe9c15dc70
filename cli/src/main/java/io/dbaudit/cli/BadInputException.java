package io.dbaudit.cli;

/** Input the user can fix (a file, a URL, a rule pack); reported in one line with exit code 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
