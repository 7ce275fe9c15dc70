package io.dbaudit.collectors.postgres;

import io.dbaudit.model.facts.pg.PgExtension;
import io.dbaudit.model.facts.pg.PgForeignKey;
import io.dbaudit.model.facts.pg.PgFunction;
import io.dbaudit.model.facts.pg.PgIndex;
import io.dbaudit.model.facts.pg.PgLanguage;
import io.dbaudit.model.facts.pg.PgSchemaPrivilege;
import io.dbaudit.model.facts.pg.PgSequence;
import io.dbaudit.model.facts.pg.PgTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads of facts that live in each database's own catalog, over a session to that database. */
final class DatabaseReads {
    private final Connection connection;

    DatabaseReads(Connection connection) {
        this.connection = connection;
    }

    List<PgExtension> extensions() throws SQLException {
        return Rows.query(connection, "extensions", rs -> new PgExtension(rs.getString("database"),
                rs.getString("extname"), rs.getString("extversion"), rs.getString("nspname")));
    }

    List<PgSchemaPrivilege> schemaPrivileges() throws SQLException {
        return Rows.query(connection, "schema_privileges", rs -> new PgSchemaPrivilege(rs.getString("database"),
                rs.getString("nspname"), rs.getString("grantee"), rs.getString("privilege_type"),
                rs.getBoolean("is_grantable")));
    }

    List<PgFunction> securityDefinerFunctions() throws SQLException {
        return Rows.query(connection, "functions", rs -> new PgFunction(rs.getString("database"),
                rs.getString("nspname"), rs.getString("proname"), rs.getString("identity"), rs.getString("owner"),
                rs.getString("lanname"), rs.getBoolean("prosecdef"), rs.getBoolean("search_path_set"),
                rs.getString("extension")));
    }

    List<PgLanguage> languages() throws SQLException {
        return Rows.query(connection, "languages", rs -> new PgLanguage(rs.getString("database"),
                rs.getString("lanname"), rs.getBoolean("lanpltrusted"), rs.getString("owner")));
    }

    List<PgTable> tables() throws SQLException {
        return Rows.query(connection, "tables", rs -> new PgTable(rs.getString("database"), rs.getString("nspname"),
                rs.getString("relname"), rs.getLong("size_bytes"), rs.getLong("total_bytes"),
                rs.getDouble("reltuples"), rs.getLong("live_tuples"), rs.getLong("dead_tuples"),
                rs.getLong("seq_scan"), rs.getLong("seq_tup_read"), rs.getLong("idx_scan"),
                rs.getLong("mods_since_analyze"), Rows.instant(rs, "last_vacuum"),
                Rows.instant(rs, "last_autovacuum"), Rows.instant(rs, "last_analyze"),
                Rows.instant(rs, "last_autoanalyze"), rs.getLong("frozen_xid_age"),
                rs.getBoolean("has_primary_key"), rs.getBoolean("partitioned"),
                Rows.nullableLong(rs, "estimated_bloat_bytes")));
    }

    List<PgIndex> indexes() throws SQLException {
        return Rows.query(connection, "indexes", rs -> new PgIndex(rs.getString("database"), rs.getString("nspname"),
                rs.getString("table_name"), rs.getString("index_name"), rs.getString("definition"),
                rs.getString("amname"), Rows.texts(rs, "key_columns"), Rows.texts(rs, "include_columns"),
                rs.getString("predicate"), rs.getBoolean("expression"), rs.getBoolean("indisunique"),
                rs.getBoolean("indisprimary"), rs.getBoolean("indisvalid"), rs.getBoolean("indisready"),
                rs.getString("conname"), rs.getLong("size_bytes"), rs.getLong("scans")));
    }

    List<PgForeignKey> foreignKeys() throws SQLException {
        return Rows.query(connection, "foreign_keys", rs -> new PgForeignKey(rs.getString("database"),
                rs.getString("nspname"), rs.getString("relname"), rs.getString("conname"),
                Rows.texts(rs, "columns"), rs.getString("referenced_schema"), rs.getString("referenced_table"),
                rs.getLong("table_size_bytes")));
    }

    /**
     * Sequences with their position. A sequence this role may not read shows last_value NULL, the same as
     * one never used: rather than report it as unused, the whole kind is refused as a privilege error.
     */
    List<PgSequence> sequences() throws SQLException {
        List<String> unreadable = new ArrayList<>();
        List<PgSequence> sequences = Rows.query(connection, "sequences", rs -> {
            PgSequence sequence = new PgSequence(rs.getString("database"), rs.getString("schemaname"),
                    rs.getString("sequencename"), rs.getString("data_type"), Rows.nullableLong(rs, "last_value"),
                    rs.getLong("min_value"), rs.getLong("max_value"), rs.getLong("increment_by"),
                    rs.getBoolean("cycle"));
            if (!rs.getBoolean("readable")) {
                unreadable.add(sequence.schema() + "." + sequence.name());
            }
            return sequence;
        });
        if (!unreadable.isEmpty()) {
            throw SqlFailures.privilege(unreadable.size() + " sequence(s) not readable (needs SELECT or USAGE on"
                    + " each, or pg_read_all_data), e.g. " + unreadable.get(0));
        }
        return sequences;
    }
}
