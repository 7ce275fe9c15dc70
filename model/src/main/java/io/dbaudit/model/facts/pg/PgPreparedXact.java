package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/** A prepared (two-phase) transaction from pg_prepared_xacts; the gid is user data. */
public record PgPreparedXact(String gid, Instant prepared, String owner, String database) implements Fact {
}
