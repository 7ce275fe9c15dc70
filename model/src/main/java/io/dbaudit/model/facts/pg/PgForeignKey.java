package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** A foreign key constraint, per database; {@code columns} are the referencing columns in order. */
public record PgForeignKey(String database, String schema, String table, String name, List<String> columns,
                           String referencedSchema, String referencedTable, long tableSizeBytes) implements Fact {
    public PgForeignKey {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
