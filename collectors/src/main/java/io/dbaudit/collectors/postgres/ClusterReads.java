package io.dbaudit.collectors.postgres;

import io.dbaudit.model.facts.pg.PgConnection;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgRolePassword;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads of facts that are the same from any database of the cluster, over the target's own session. */
final class ClusterReads {
    /** pg_hba_file_rules gained file_name (and include directives) in PostgreSQL 16. */
    private static final int HBA_FILE_NAME_SINCE = 160000;

    private final Connection connection;

    ClusterReads(Connection connection) {
        this.connection = connection;
    }

    List<PgServer> server() throws SQLException {
        return Rows.query(connection, "server", rs -> new PgServer(rs.getString("version"),
                rs.getInt("version_num"), rs.getString("user_name"), rs.getString("database"),
                rs.getBoolean("in_recovery"), rs.getBoolean("superuser")));
    }

    List<PgSetting> settings() throws SQLException {
        return Rows.query(connection, "settings", rs -> new PgSetting(rs.getString("name"), rs.getString("setting"),
                rs.getString("unit"), rs.getString("vartype"), rs.getString("context"), rs.getString("source"),
                rs.getString("sourcefile"), Rows.nullableInt(rs, "sourceline"), rs.getBoolean("pending_restart")));
    }

    List<PgRole> roles() throws SQLException {
        return Rows.query(connection, "roles", rs -> {
            OffsetDateTime validUntil = rs.getObject("valid_until", OffsetDateTime.class);
            Instant expiry = validUntil == null ? null : validUntil.toInstant();
            return new PgRole(rs.getString("rolname"), rs.getBoolean("rolcanlogin"), rs.getBoolean("rolsuper"),
                    rs.getBoolean("rolcreaterole"), rs.getBoolean("rolcreatedb"), rs.getBoolean("rolreplication"),
                    rs.getBoolean("rolbypassrls"), rs.getBoolean("rolinherit"), expiry, rs.getInt("rolconnlimit"),
                    Rows.texts(rs, "member_of"));
        });
    }

    List<PgRolePassword> rolePasswords() throws SQLException {
        return Rows.query(connection, "role_passwords",
                rs -> new PgRolePassword(rs.getString("rolname"), rs.getString("password_type")));
    }

    /**
     * @param hbaFile the hba_file setting, used as the file name before PostgreSQL 16 (null when the session
     *                could not see it)
     */
    List<PgHbaEntry> hbaEntries(int versionNum, String hbaFile) throws SQLException {
        String sql = versionNum >= HBA_FILE_NAME_SINCE ? "hba_rules_16" : "hba_rules";
        return Rows.query(connection, sql, rs -> {
            String file = rs.getString("file_name");
            return new PgHbaEntry(file == null ? hbaFile : file, rs.getInt("line_number"), rs.getString("type"),
                    Rows.texts(rs, "database"), Rows.texts(rs, "user_name"), rs.getString("address"),
                    rs.getString("netmask"), rs.getString("auth_method"), Rows.texts(rs, "options"),
                    rs.getString("error"));
        });
    }

    List<PgConnection> connections() throws SQLException {
        return Rows.query(connection, "connections", rs -> new PgConnection(rs.getInt("pid"), rs.getString("usename"),
                rs.getString("datname"), rs.getString("client_addr"), rs.getString("application_name"),
                rs.getBoolean("ssl"), rs.getString("ssl_version")));
    }

    List<String> databases() throws SQLException {
        return Rows.query(connection, "databases", rs -> rs.getString("datname"));
    }
}
