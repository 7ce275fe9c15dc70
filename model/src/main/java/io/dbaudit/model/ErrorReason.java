package io.dbaudit.model;

import java.util.Locale;

/** Why a rule was not evaluated: ERROR reasons (facts could not be read) and SKIPPED reasons. */
public enum ErrorReason {
    /** The connecting role may not read the view or command. */
    PRIVILEGE,
    /** The server or platform does not offer it (old version, managed service, renamed command). */
    UNSUPPORTED,
    TIMEOUT,
    UNREACHABLE,
    /** The collector never produced that kind of fact (e.g. a snapshot from an older collector). */
    MISSING,
    ERROR,
    /** SKIPPED: an input the rule needs was not given (e.g. host memory for tuning formulas). */
    NOT_APPLICABLE,
    /** SKIPPED: the target is a configuration file and the rule needs a live server. */
    STATIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorReason parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
