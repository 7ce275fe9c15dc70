package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * One standby or WAL receiver connected to this server (pg_stat_replication on a primary). Lag bytes are
 * pg_wal_lsn_diff(current LSN, x_lsn); lag seconds are the server's *_lag intervals, null when idle.
 */
public record PgReplicationClient(String applicationName, String clientAddr, String state, String syncState,
                                  long sentLagBytes, long writeLagBytes, long flushLagBytes, long replayLagBytes,
                                  Double writeLagSeconds, Double flushLagSeconds, Double replayLagSeconds)
        implements Fact {
}
