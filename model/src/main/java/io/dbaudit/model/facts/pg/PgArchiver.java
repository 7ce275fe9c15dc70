package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/** pg_stat_archiver: the WAL archiver's success and failure history. */
public record PgArchiver(long archivedCount, String lastArchivedWal, Instant lastArchivedTime, long failedCount,
                         String lastFailedWal, Instant lastFailedTime, Instant statsReset) implements Fact {
}
