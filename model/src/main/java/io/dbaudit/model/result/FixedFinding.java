package io.dbaudit.model.result;

/** A finding of the baseline report that this run no longer has. */
public record FixedFinding(String ruleId, String target, String object, String fingerprint) {
}
