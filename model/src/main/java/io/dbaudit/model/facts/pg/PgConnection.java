package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * A client backend from pg_stat_activity joined with pg_stat_ssl. {@code clientAddr} is null for Unix
 * sockets. Only aggregated identity (user, database, address), never query text.
 */
public record PgConnection(int pid, String user, String database, String clientAddr, String applicationName,
                           boolean ssl, String sslVersion) implements Fact {
    public boolean network() {
        return clientAddr != null;
    }
}
