package io.dbaudit.model.result;

/**
 * A value worth comparing with the next run (a cluster's timeline): kept in the report so that a later
 * scan given this report as --baseline can tell what changed in between.
 */
public record Observation(String target, String key, String value) {
}
