package io.dbaudit.collectors.postgres;

import io.dbaudit.model.facts.pg.PgArchiver;
import io.dbaudit.model.facts.pg.PgBackend;
import io.dbaudit.model.facts.pg.PgCheckpoint;
import io.dbaudit.model.facts.pg.PgConnection;
import io.dbaudit.model.facts.pg.PgDatabase;
import io.dbaudit.model.facts.pg.PgFileSetting;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgPreparedXact;
import io.dbaudit.model.facts.pg.PgReplicaStatus;
import io.dbaudit.model.facts.pg.PgReplicationClient;
import io.dbaudit.model.facts.pg.PgReplicationSlot;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgRolePassword;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import io.dbaudit.model.facts.pg.PgStatDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads of facts that are the same from any database of the cluster, over the target's own session. */
final class ClusterReads {
    /** pg_hba_file_rules gained file_name (and include directives) in PostgreSQL 16. */
    private static final int HBA_FILE_NAME_SINCE = 160000;
    /** pg_stat_database.checksum_failures since 12. */
    private static final int CHECKSUM_FAILURES_SINCE = 120000;
    /** pg_replication_slots.wal_status since 13. */
    private static final int WAL_STATUS_SINCE = 130000;
    /** pg_get_wal_replay_pause_state() since 14. */
    private static final int PAUSE_STATE_SINCE = 140000;
    private static final String READ_ALL_STATS_NEEDED = "needs pg_read_all_stats (or pg_monitor, or superuser): "
            + "without it the server hides the state, timings and WAL positions of other roles' sessions";

    private final Connection connection;
    private Boolean readAllStats;

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

    /** Client sessions; refused without pg_read_all_stats, which hides other roles' address and TLS state. */
    List<PgConnection> connections() throws SQLException {
        requireReadAllStats();
        return Rows.query(connection, "connections", rs -> new PgConnection(rs.getInt("pid"), rs.getString("usename"),
                rs.getString("datname"), rs.getString("client_addr"), rs.getString("application_name"),
                rs.getBoolean("ssl"), rs.getString("ssl_version")));
    }

    List<String> databases() throws SQLException {
        return Rows.query(connection, "databases", rs -> rs.getString("datname"));
    }

    List<PgDatabase> databaseFacts() throws SQLException {
        return Rows.query(connection, "database_facts", rs -> new PgDatabase(rs.getString("datname"),
                rs.getString("owner"), rs.getBoolean("datallowconn"), rs.getInt("datconnlimit"),
                rs.getBoolean("datistemplate"), rs.getLong("size_bytes"), rs.getLong("frozen_xid_age"),
                rs.getLong("min_mxid_age")));
    }

    List<PgStatDatabase> statDatabases(int versionNum) throws SQLException {
        String sql = versionNum == 0 || versionNum >= CHECKSUM_FAILURES_SINCE ? "stat_database" : "stat_database_10";
        return Rows.query(connection, sql, rs -> new PgStatDatabase(rs.getString("datname"),
                Rows.instant(rs, "stats_reset"), Rows.nullableLong(rs, "checksum_failures"),
                rs.getLong("xact_commit"), rs.getLong("xact_rollback"), rs.getLong("blks_read"),
                rs.getLong("blks_hit"), rs.getLong("deadlocks"), rs.getLong("temp_bytes"),
                rs.getLong("numbackends")));
    }

    /** Client backends and walsenders; refused without pg_read_all_stats, which would hide other roles' state. */
    List<PgBackend> backends() throws SQLException {
        requireReadAllStats();
        return Rows.query(connection, "backends", rs -> new PgBackend(rs.getInt("pid"), rs.getString("usename"),
                rs.getString("datname"), rs.getString("backend_type"), rs.getString("state"),
                Rows.instant(rs, "backend_start"), Rows.instant(rs, "xact_start"), Rows.instant(rs, "query_start"),
                Rows.instant(rs, "state_change"), rs.getString("wait_event_type"), rs.getBoolean("blocked")));
    }

    List<PgPreparedXact> preparedXacts() throws SQLException {
        return Rows.query(connection, "prepared_xacts", rs -> new PgPreparedXact(rs.getString("gid"),
                Rows.instant(rs, "prepared"), rs.getString("owner"), rs.getString("database")));
    }

    /** pg_stat_replication; its LSNs and lags are NULL without pg_read_all_stats, so that is required. */
    List<PgReplicationClient> replicationClients() throws SQLException {
        requireReadAllStats();
        return Rows.query(connection, "replication_clients", rs -> new PgReplicationClient(
                rs.getString("application_name"), rs.getString("client_addr"), rs.getString("state"),
                rs.getString("sync_state"), rs.getLong("sent_lag_bytes"), rs.getLong("write_lag_bytes"),
                rs.getLong("flush_lag_bytes"), rs.getLong("replay_lag_bytes"),
                Rows.nullableDouble(rs, "write_lag_seconds"), Rows.nullableDouble(rs, "flush_lag_seconds"),
                Rows.nullableDouble(rs, "replay_lag_seconds")));
    }

    /**
     * One row on a standby, none on a primary. pg_stat_wal_receiver shows its status only to
     * pg_read_all_stats, so that is required (on a primary too, so the outcome does not depend on the role).
     */
    List<PgReplicaStatus> replicaStatus(int versionNum) throws SQLException {
        requireReadAllStats();
        String sql = versionNum == 0 || versionNum >= PAUSE_STATE_SINCE ? "replica_status" : "replica_status_10";
        return Rows.query(connection, sql, rs -> new PgReplicaStatus(rs.getString("receive_lsn"),
                rs.getString("replay_lsn"), rs.getLong("receive_replay_gap_bytes"),
                Rows.instant(rs, "last_replay_timestamp"), rs.getBoolean("replay_paused"),
                rs.getString("wal_receiver_status"), rs.getString("sender_host"),
                Rows.nullableInt(rs, "sender_port")));
    }

    List<PgReplicationSlot> replicationSlots(int versionNum) throws SQLException {
        String sql = versionNum == 0 || versionNum >= WAL_STATUS_SINCE ? "replication_slots" : "replication_slots_10";
        return Rows.query(connection, sql, rs -> new PgReplicationSlot(rs.getString("slot_name"),
                rs.getString("slot_type"), rs.getString("database"), rs.getString("plugin"),
                rs.getBoolean("active"), rs.getBoolean("temporary"), Rows.nullableLong(rs, "retained_bytes"),
                rs.getString("wal_status")));
    }

    List<PgArchiver> archiver() throws SQLException {
        return Rows.query(connection, "archiver", rs -> new PgArchiver(rs.getLong("archived_count"),
                rs.getString("last_archived_wal"), Rows.instant(rs, "last_archived_time"),
                rs.getLong("failed_count"), rs.getString("last_failed_wal"), Rows.instant(rs, "last_failed_time"),
                Rows.instant(rs, "stats_reset")));
    }

    List<PgCheckpoint> checkpoint() throws SQLException {
        return Rows.query(connection, "checkpoint", rs -> new PgCheckpoint(Rows.instant(rs, "checkpoint_time"),
                rs.getInt("timeline_id"), rs.getString("redo_lsn")));
    }

    /** pg_file_settings: superuser by default (grantable); shows lines the server could not apply. */
    List<PgFileSetting> fileSettings() throws SQLException {
        return Rows.query(connection, "file_settings", rs -> new PgFileSetting(rs.getString("sourcefile"),
                rs.getInt("sourceline"), rs.getInt("seqno"), rs.getString("name"), rs.getString("setting"),
                rs.getBoolean("applied"), rs.getString("error")));
    }

    private void requireReadAllStats() throws SQLException {
        if (readAllStats == null) {
            readAllStats = Rows.query(connection, "read_all_stats", rs -> rs.getBoolean("read_all_stats")).get(0);
        }
        if (!readAllStats) {
            throw SqlFailures.privilege(READ_ALL_STATS_NEEDED);
        }
    }
}
