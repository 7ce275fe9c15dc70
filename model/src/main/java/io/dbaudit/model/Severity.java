package io.dbaudit.model;

import java.util.Locale;

/** Ordered from least to most severe; {@link #ordinal()} order is relied on by the gate. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected one of INFO, LOW, MEDIUM, HIGH, CRITICAL)");
        }
    }
}
