package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One index, per database. {@code columns} are the key columns in order (expressions as their text);
 * {@code includeColumns} the INCLUDE columns; {@code constraint} names the constraint it backs (primary
 * key, unique, exclusion) or is null. {@code scans} is pg_stat_user_indexes.idx_scan on this server.
 */
public record PgIndex(String database, String schema, String table, String name, String definition,
                      String method, List<String> columns, List<String> includeColumns, String predicate,
                      boolean expression, boolean unique, boolean primary, boolean valid, boolean ready,
                      String constraint, long sizeBytes, long scans) implements Fact {
    public PgIndex {
        columns = columns == null ? List.of() : List.copyOf(columns);
        includeColumns = includeColumns == null ? List.of() : List.copyOf(includeColumns);
    }

    public boolean partial() {
        return predicate != null;
    }

    /** True when this index's key columns are a leading prefix of {@code other}'s (same table, same method). */
    public boolean prefixOf(PgIndex other) {
        return other.columns.size() >= columns.size() && other.columns.subList(0, columns.size()).equals(columns);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
