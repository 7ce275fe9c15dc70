package io.dbaudit.model;

import java.util.Locale;

/** The rule packs a rule belongs to; one area per rule. */
public enum Area {
    SECURITY, TUNING, INDEXING, HA, BACKUP, MONITORING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Area parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
