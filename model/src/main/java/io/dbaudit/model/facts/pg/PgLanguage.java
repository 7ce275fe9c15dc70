package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/** A procedural language installed in a database; untrusted ones let users run code as the server. */
public record PgLanguage(String database, String name, boolean trusted, String owner) implements Fact {
}
