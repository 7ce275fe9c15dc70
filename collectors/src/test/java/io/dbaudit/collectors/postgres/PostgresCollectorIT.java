package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.collectors.TargetUrls;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.pg.PgConnection;
import io.dbaudit.model.facts.pg.PgExtension;
import io.dbaudit.model.facts.pg.PgFunction;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgLanguage;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgRolePassword;
import io.dbaudit.model.facts.pg.PgSchemaPrivilege;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import io.dbaudit.model.result.TargetStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector against one real server (TLS off), scanned as a superuser and as a pg_monitor auditor. */
class PostgresCollectorIT {
    private static final String AUDITOR_PASSWORD = "auditor-Pw-4711";
    private static final String EVIL_ROLE = "evil\"; DROP TABLE t; --";
    private static final String SCRIPT_ROLE = "<script>alert(1)</script>";
    private static final CollectOptions OPTIONS = CollectOptions.defaults();
    /** Every kind the PostgreSQL collector produces. */
    private static final Set<String> ALL_KINDS = Set.of("PgServer", "PgSetting", "PgRole", "PgRolePassword",
            "PgHbaEntry", "PgConnection", "TlsState", "TlsCertificate", "PgExtension", "PgSchemaPrivilege",
            "PgFunction", "PgLanguage", "PgDatabase", "PgStatDatabase", "PgTable", "PgIndex", "PgForeignKey",
            "PgBackend", "PgPreparedXact", "PgSequence", "PgReplicationClient", "PgReplicaStatus",
            "PgReplicationSlot", "PgArchiver", "PgCheckpoint", "HostResources", "PgFileSetting");

    private static EmbeddedPostgres pg;
    private static TargetFacts superuserScan;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        // Password logins for the roles the tests authenticate as; trust for the superuser fixture.
        pg = EmbeddedServers.start(Map.of(), EmbeddedServers.hba("""
                local all all trust
                host  all     auditor 127.0.0.1/32 scram-sha-256
                host  blocked limited 127.0.0.1/32 reject
                host  all     all     127.0.0.1/32 trust
                host  all     all     ::1/128      trust
                """));
        EmbeddedServers.execute(pg, "postgres",
                "SET TimeZone = 'UTC'",
                "CREATE TABLE t (x int)",
                "SET password_encryption = 'md5'",
                "CREATE ROLE md5_user LOGIN PASSWORD 'md5-pw'",
                "RESET password_encryption",
                "CREATE ROLE scram_user LOGIN PASSWORD 'scram-pw'",
                "CREATE ROLE expired_user LOGIN VALID UNTIL '2020-01-01 00:00:00+00'",
                "CREATE ROLE grp_top",
                "CREATE ROLE grp_mid IN ROLE grp_top",
                "GRANT grp_mid TO scram_user",
                "DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN', '" + EVIL_ROLE.replace("'", "''") + "'); END $$",
                "DO $$ BEGIN EXECUTE format('CREATE ROLE %I', '" + SCRIPT_ROLE + "'); END $$",
                "CREATE ROLE auditor LOGIN PASSWORD '" + AUDITOR_PASSWORD + "' IN ROLE pg_monitor",
                "CREATE ROLE limited LOGIN",
                "CREATE FUNCTION public.definer_fn() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
                "CREATE FUNCTION public.pinned_fn() RETURNS int LANGUAGE sql SECURITY DEFINER"
                        + " SET search_path = pg_catalog AS 'SELECT 2'",
                "CREATE DATABASE second_db",
                "CREATE DATABASE blocked");
        EmbeddedServers.execute(pg, "second_db", "GRANT CREATE ON SCHEMA public TO PUBLIC");
        superuserScan = collector().collect(target("postgres"), new PasswordSource.Default(), OPTIONS);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void superuserScanCollectsEveryKindWithoutErrors() {
        assertEquals(List.of(), superuserScan.errors());
        assertEquals(ALL_KINDS, superuserScan.collected());
        PgServer server = only(superuserScan, PgServer.class);
        assertEquals(serverVersionNum(), server.versionNum());
        assertEquals("postgres", server.currentUser());
        assertEquals("postgres", server.database());
        assertTrue(server.sessionSuperuser());
        assertFalse(server.inRecovery());
        assertEquals(server.version(), superuserScan.version());
    }

    @Test
    void passwordTypesAreClassifiedAndNoHashIsKept() {
        Map<String, String> types = facts(superuserScan, PgRolePassword.class).stream()
                .collect(java.util.stream.Collectors.toMap(PgRolePassword::role, PgRolePassword::type));
        assertEquals("md5", types.get("md5_user"));
        assertEquals("scram-sha-256", types.get("scram_user"));
        assertEquals("scram-sha-256", types.get("auditor"));
        assertEquals("none", types.get("expired_user"));
        assertTrue(Set.of("md5", "scram-sha-256", "none", "plain").containsAll(types.values()), types.toString());
    }

    @Test
    void rolesCarryExpiryLimitsAndTransitiveMembership() {
        PgRole expired = role(superuserScan, "expired_user");
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), expired.validUntil());
        assertTrue(expired.login());
        PgRole scram = role(superuserScan, "scram_user");
        assertNull(scram.validUntil());
        assertEquals(-1, scram.connLimit());
        assertEquals(List.of("grp_mid", "grp_top"), scram.memberOf());
        assertEquals(List.of("pg_monitor", "pg_read_all_settings", "pg_read_all_stats", "pg_stat_scan_tables"),
                role(superuserScan, "auditor").memberOf());
        assertTrue(role(superuserScan, "postgres").superuser());
    }

    @Test
    void hostileRoleNamesAreKeptVerbatimAndNeverExecuted() throws SQLException {
        assertEquals(EVIL_ROLE, role(superuserScan, EVIL_ROLE).name());
        assertEquals(SCRIPT_ROLE, role(superuserScan, SCRIPT_ROLE).name());
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('public.t') IS NOT NULL")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "table t must survive a scan of a role named like an injection");
        }
    }

    @Test
    void hbaEntriesComeFromTheServersOwnView() {
        List<PgHbaEntry> entries = facts(superuserScan, PgHbaEntry.class);
        assertEquals(5, entries.size(), entries.toString());
        PgHbaEntry auditorLine = entries.get(1);
        assertEquals("host", auditorLine.type());
        assertEquals(List.of("all"), auditorLine.databases());
        assertEquals(List.of("auditor"), auditorLine.users());
        assertEquals("127.0.0.1", auditorLine.address());
        assertEquals("255.255.255.255", auditorLine.netmask());
        assertEquals(32, auditorLine.prefixLength());
        assertEquals("scram-sha-256", auditorLine.method());
        assertEquals(2, auditorLine.line());
        assertTrue(auditorLine.file().endsWith("pg_hba.conf"), auditorLine.file());
        assertNull(auditorLine.error());
        assertEquals("local", entries.get(0).type());
        assertNull(entries.get(0).address());
        assertEquals("reject", entries.get(2).method());
    }

    @Test
    void perDatabaseKindsCoverEveryConnectableDatabase() {
        List<PgSchemaPrivilege> privileges = facts(superuserScan, PgSchemaPrivilege.class);
        assertTrue(privileges.contains(new PgSchemaPrivilege("postgres", "public", "PUBLIC", "USAGE", false)));
        assertFalse(privileges.contains(new PgSchemaPrivilege("postgres", "public", "PUBLIC", "CREATE", false)));
        assertTrue(privileges.contains(new PgSchemaPrivilege("second_db", "public", "PUBLIC", "CREATE", false)),
                privileges.toString());
        assertTrue(privileges.stream().anyMatch(p -> p.database().equals("blocked")));
        assertFalse(privileges.stream().anyMatch(p -> p.database().startsWith("template")));

        for (String db : List.of("postgres", "second_db", "blocked")) {
            assertTrue(facts(superuserScan, PgExtension.class)
                    .contains(new PgExtension(db, "plpgsql", extensionVersion(), "pg_catalog")), db);
            assertTrue(facts(superuserScan, PgLanguage.class).stream()
                    .anyMatch(l -> l.database().equals(db) && l.name().equals("plpgsql") && l.trusted()
                            && l.owner().equals("postgres")), db);
        }
    }

    @Test
    void securityDefinerFunctionsReportSearchPathPinning() {
        List<PgFunction> functions = facts(superuserScan, PgFunction.class);
        assertEquals(List.of(
                new PgFunction("postgres", "public", "definer_fn", "", "postgres", "sql", true, false, null),
                new PgFunction("postgres", "public", "pinned_fn", "", "postgres", "sql", true, true, null)),
                functions);
    }

    @Test
    void settingsShowTheirSourceFileToASuperuserAndProveTheSessionIsBounded() {
        List<PgSetting> settings = facts(superuserScan, PgSetting.class);
        // initdb writes several settings (datestyle, lc_*, ...) into postgresql.conf.
        List<PgSetting> fromFile = settings.stream().filter(s -> "configuration file".equals(s.source())).toList();
        assertFalse(fromFile.isEmpty());
        for (PgSetting s : fromFile) {
            assertNotNull(s.sourceFile(), s.name());
            assertTrue(s.sourceFile().endsWith("postgresql.conf"), s.sourceFile());
            assertNotNull(s.sourceLine(), s.name());
        }
        assertTrue(settings.size() > 300, "all of pg_settings: " + settings.size());
        // pg_settings shows the values of the collector's own session.
        assertEquals("on", setting(superuserScan, "default_transaction_read_only").setting());
        assertEquals("on", setting(superuserScan, "transaction_read_only").setting());
        assertEquals(Long.toString(OPTIONS.statementTimeout().toMillis()),
                setting(superuserScan, "statement_timeout").setting());
        assertEquals(Long.toString(OPTIONS.lockTimeout().toMillis()), setting(superuserScan, "lock_timeout").setting());
        assertEquals("dbaudit", setting(superuserScan, "application_name").setting());
    }

    @Test
    void theCollectorsSessionRefusesWrites() throws Exception {
        Target target = target("postgres");
        try (Connection session = new PgConnector(target, Optional.empty(), OPTIONS).openTarget();
             Statement s = session.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE should_not_exist (x int)"));
            assertEquals("25006", e.getSQLState(), e.getMessage()); // read_only_sql_transaction
        }
    }

    @Test
    void tlsIsReportedRefusedWhenTheServerHasItOff() {
        TlsState tls = only(superuserScan, TlsState.class);
        assertFalse(tls.offered());
        assertEquals("server refused SSLRequest", tls.detail());
        assertTrue(superuserScan.collected().contains("TlsCertificate"));
        assertTrue(facts(superuserScan, io.dbaudit.model.facts.TlsCertificate.class).isEmpty());
    }

    @Test
    void connectionsListOtherClientsButNotTheScannerItself() throws Exception {
        try (Connection holder = pg.getDatabase("postgres", "second_db").getConnection()) {
            holder.createStatement().execute("SET application_name = 'it-holder'");
            TargetFacts scan = collector().collect(target("postgres"), new PasswordSource.Default(), OPTIONS);
            List<PgConnection> connections = facts(scan, PgConnection.class);
            assertTrue(connections.stream().anyMatch(c -> c.applicationName().equals("it-holder")
                    && c.database().equals("second_db") && c.user().equals("postgres") && !c.ssl()),
                    connections.toString());
            assertFalse(connections.stream().anyMatch(c -> c.applicationName().equals("dbaudit")),
                    connections.toString());
        }
    }

    @Test
    void leastPrivilegeAuditorGetsPrivilegeErrorsOnlyWhereExpected() throws Exception {
        Path passwordFile = Files.writeString(tmp.resolve("auditor.pw"), AUDITOR_PASSWORD + "\n");
        TargetFacts scan = collector().collect(target("auditor", "postgres"), new PasswordSource.FromFile(passwordFile),
                OPTIONS);
        Map<String, ErrorReason> errors = scan.errors().stream()
                .collect(java.util.stream.Collectors.toMap(CollectionError::factKind, CollectionError::reason));
        assertEquals(Map.of("PgRolePassword", ErrorReason.PRIVILEGE, "PgHbaEntry", ErrorReason.PRIVILEGE,
                "PgFileSetting", ErrorReason.PRIVILEGE), errors);
        Set<String> expected = new java.util.HashSet<>(ALL_KINDS);
        expected.removeAll(Set.of("PgRolePassword", "PgHbaEntry", "PgFileSetting"));
        assertEquals(expected, scan.collected());
        assertFalse(only(scan, PgServer.class).sessionSuperuser());
        assertEquals("auditor", only(scan, PgServer.class).currentUser());
        assertFalse(facts(scan, PgSchemaPrivilege.class).isEmpty());
        assertTrue(scan.errors().stream().noneMatch(e -> e.message().contains(AUDITOR_PASSWORD)));
    }

    @Test
    void aDatabaseThatRefusesTheLoginIsAnErrorNamingIt() throws Exception {
        TargetFacts scan = collector().collect(target("limited", "postgres"), new PasswordSource.Default(), OPTIONS);
        for (String kind : List.of("PgExtension", "PgSchemaPrivilege", "PgFunction", "PgLanguage")) {
            CollectionError error = scan.errors().stream().filter(e -> e.factKind().equals(kind)).findFirst()
                    .orElseThrow(() -> new AssertionError("no error for " + kind));
            assertEquals(ErrorReason.PRIVILEGE, error.reason());
            assertTrue(error.message().contains("database blocked"), error.message());
            assertFalse(scan.collected().contains(kind), kind + " is incomplete, so not collected");
        }
        // The databases that did let us in are still read.
        assertTrue(facts(scan, PgSchemaPrivilege.class).stream().anyMatch(p -> p.database().equals("second_db")));
    }

    @Test
    void wrongPasswordIsAuthFailedWithoutTheSecretInTheMessage() throws IOException {
        String wrong = "wrong-Secret-0815";
        Path passwordFile = Files.writeString(tmp.resolve("wrong.pw"), wrong);
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> collector().collect(target("auditor", "postgres"), new PasswordSource.FromFile(passwordFile),
                        OPTIONS));
        assertEquals(TargetStatus.AUTH_FAILED, e.status());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains("auditor"), e.getMessage());
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Target target = TargetUrls.parse("postgresql://postgres@127.0.0.1:" + port + "/postgres", Map.of());
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> collector().collect(target, new PasswordSource.Default(), OPTIONS));
        assertEquals(TargetStatus.UNREACHABLE, e.status());
    }

    // --- helpers

    static Collector collector() {
        Collector found = ServiceLoader.load(Collector.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.engine() == EngineKind.POSTGRESQL).findFirst().orElseThrow();
        assertTrue(found instanceof PostgresCollector);
        return found;
    }

    private static Target target(String database) {
        return target("postgres", database);
    }

    private static Target target(String user, String database) {
        return TargetUrls.parse("postgresql://" + user + "@127.0.0.1:" + pg.getPort() + "/" + database, Map.of());
    }

    static <T extends Fact> List<T> facts(TargetFacts scan, Class<T> kind) {
        return scan.facts().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends Fact> T only(TargetFacts scan, Class<T> kind) {
        List<T> all = facts(scan, kind);
        assertEquals(1, all.size(), kind.getSimpleName() + ": " + all);
        return all.get(0);
    }

    private static PgRole role(TargetFacts scan, String name) {
        return facts(scan, PgRole.class).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no role " + name));
    }

    private static PgSetting setting(TargetFacts scan, String name) {
        return facts(scan, PgSetting.class).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no setting " + name));
    }

    private static int serverVersionNum() {
        return Integer.parseInt(queryOne("SHOW server_version_num"));
    }

    private static String extensionVersion() {
        return queryOne("SELECT extversion FROM pg_extension WHERE extname = 'plpgsql'");
    }

    private static String queryOne(String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
