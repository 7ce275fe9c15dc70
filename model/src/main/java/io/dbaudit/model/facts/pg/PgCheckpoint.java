package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/** pg_control_checkpoint(): when the last checkpoint ran and on which timeline. */
public record PgCheckpoint(Instant checkpointTime, int timeline, String redoLsn) implements Fact {
}
