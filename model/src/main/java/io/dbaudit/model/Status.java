package io.dbaudit.model;

/** The outcome of one rule on one target. */
public enum Status {
    PASS, FAIL, WAIVED, SKIPPED, ERROR
}
