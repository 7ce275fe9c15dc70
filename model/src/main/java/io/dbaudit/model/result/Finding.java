package io.dbaudit.model.result;

import java.util.Map;

/**
 * One problem a rule found on one object. {@code object} names the thing ("role app", "pg_hba.conf:12");
 * {@code evidence} holds the observed values; {@code remediation}/{@code rollback} are rendered scripts
 * (null when the rule has none). {@code location} is "file:line" for config-file facts, else null.
 */
public record Finding(String message, String object, Map<String, String> evidence, String remediation,
                      String rollback, String fingerprint, String location) {
    public Finding {
        evidence = evidence == null ? Map.of() : evidence;
    }
}
