package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/** An extension installed in one database. */
public record PgExtension(String database, String name, String version, String schema) implements Fact {
}
