package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * One ordinary or partitioned table (pg_class + pg_stat_user_tables), per database. Timestamps are null
 * when the event never happened. {@code estimatedBloatBytes} is the collector's statistics-based estimate
 * (null when pg_stats lacks the columns needed).
 */
public record PgTable(String database, String schema, String name, long sizeBytes, long totalBytes,
                      double reltuples, long liveTuples, long deadTuples, long seqScan, long seqTupRead,
                      long idxScan, long modsSinceAnalyze, Instant lastVacuum, Instant lastAutovacuum,
                      Instant lastAnalyze, Instant lastAutoanalyze, long frozenXidAge, boolean hasPrimaryKey,
                      boolean partitioned, Long estimatedBloatBytes) implements Fact {
    public String qualifiedName() {
        return schema + "." + name;
    }
}
