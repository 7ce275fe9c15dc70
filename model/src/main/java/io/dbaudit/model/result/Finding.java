package io.dbaudit.model.result;

import java.util.Map;

/**
 * One problem a rule found on one object. {@code object} names the thing ("role app", "pg_hba.conf:12");
 * {@code evidence} holds the observed values; {@code remediation}/{@code rollback} are rendered scripts
 * (null when the rule has none). {@code location} is "file:line" for config-file facts, else null.
 * {@code waiver} is the active waiver covering it (null when none); {@code baseline} is "new" or
 * "existing" when the run was compared with a baseline, else null.
 */
public record Finding(String message, String object, Map<String, String> evidence, String remediation,
                      String rollback, String fingerprint, String location, AppliedWaiver waiver, String baseline) {
    public static final String NEW = "new";
    public static final String EXISTING = "existing";

    public Finding {
        evidence = evidence == null ? Map.of() : evidence;
    }

    public Finding(String message, String object, Map<String, String> evidence, String remediation, String rollback,
                   String fingerprint, String location) {
        this(message, object, evidence, remediation, rollback, fingerprint, location, null, null);
    }

    public Finding withWaiver(AppliedWaiver w) {
        return new Finding(message, object, evidence, remediation, rollback, fingerprint, location, w, baseline);
    }

    public Finding withBaseline(String state) {
        return new Finding(message, object, evidence, remediation, rollback, fingerprint, location, waiver, state);
    }

    public boolean waived() {
        return waiver != null;
    }
}
