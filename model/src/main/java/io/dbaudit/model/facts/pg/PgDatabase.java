package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/** One database from pg_database; {@code frozenXidAge} is age(datfrozenxid), the wraparound clock. */
public record PgDatabase(String name, String owner, boolean allowConn, int connLimit, boolean template,
                         long sizeBytes, long frozenXidAge, long minMultiXidAge) implements Fact {
}
