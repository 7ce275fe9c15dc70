package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * One backend from pg_stat_activity (client backends and walsenders; never query text). Times are raw
 * so rules decide what "long" means.
 */
public record PgBackend(int pid, String user, String database, String backendType, String state,
                        Instant backendStart, Instant xactStart, Instant queryStart, Instant stateChange,
                        String waitEventType, boolean blocked) implements Fact {
}
