package io.dbaudit.engine.yaml;

/** Bad user input in a file: the message starts with "file:line:" and is shown as is (exit code 2). */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
