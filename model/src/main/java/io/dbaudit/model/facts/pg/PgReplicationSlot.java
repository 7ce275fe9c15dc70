package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * A replication slot. {@code retainedBytes} is pg_wal_lsn_diff(current LSN, restart_lsn) (null when the
 * slot has no restart_lsn); {@code walStatus} is reserved/extended/unreserved/lost (PG 13+) or null.
 */
public record PgReplicationSlot(String name, String slotType, String database, String plugin, boolean active,
                                boolean temporary, Long retainedBytes, String walStatus) implements Fact {
}
