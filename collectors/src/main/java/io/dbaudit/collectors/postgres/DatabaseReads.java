package io.dbaudit.collectors.postgres;

import io.dbaudit.model.facts.pg.PgExtension;
import io.dbaudit.model.facts.pg.PgFunction;
import io.dbaudit.model.facts.pg.PgLanguage;
import io.dbaudit.model.facts.pg.PgSchemaPrivilege;

import java.sql.Connection;
import java.sql.SQLException;
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
}
