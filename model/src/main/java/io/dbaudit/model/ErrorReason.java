package io.dbaudit.model;

import java.util.Locale;

/** Why a fact kind (and so the rules needing it) could not be evaluated. */
public enum ErrorReason {
    /** The connecting role may not read the view or command. */
    PRIVILEGE,
    /** The server or platform does not offer it (old version, managed service, renamed command). */
    UNSUPPORTED,
    TIMEOUT,
    UNREACHABLE,
    /** The collector never produced that kind of fact (e.g. a snapshot from an older collector). */
    MISSING,
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorReason parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
