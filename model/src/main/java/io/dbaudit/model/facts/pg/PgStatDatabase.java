package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * One row of pg_stat_database. {@code checksumFailures} is null where checksums are off or the server
 * is older than 12; {@code statsReset} null when never reset.
 */
public record PgStatDatabase(String database, Instant statsReset, Long checksumFailures, long xactCommit,
                             long xactRollback, long blksRead, long blksHit, long deadlocks, long tempBytes,
                             long numBackends) implements Fact {
}
