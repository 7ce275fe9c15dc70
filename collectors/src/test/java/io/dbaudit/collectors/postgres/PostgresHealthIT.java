package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.TargetUrls;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.HostResources;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgBackend;
import io.dbaudit.model.facts.pg.PgDatabase;
import io.dbaudit.model.facts.pg.PgForeignKey;
import io.dbaudit.model.facts.pg.PgIndex;
import io.dbaudit.model.facts.pg.PgPreparedXact;
import io.dbaudit.model.facts.pg.PgSequence;
import io.dbaudit.model.facts.pg.PgStatDatabase;
import io.dbaudit.model.facts.pg.PgTable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.dbaudit.collectors.postgres.PostgresCollectorIT.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuning, indexing and monitoring kinds on one real server set up with the problems rules look for:
 * tables without a primary key, an INVALID index, duplicate and prefix-redundant indexes, an unindexed
 * foreign key, partial/expression/covering indexes, a sequence near its maximum, a bloated table, a
 * prepared transaction, a session idle in transaction and one blocked behind it. Scanned as a superuser,
 * as a pg_monitor auditor and as a role with no monitoring rights at all.
 */
class PostgresHealthIT {
    private static final CollectOptions OPTIONS = CollectOptions.defaults();
    private static final String GID = "dbaudit-it-gid";

    private static EmbeddedPostgres pg;
    private static Connection holder;
    private static Connection waiter;
    private static CompletableFuture<Void> blockedCall;
    private static int holderPid;
    private static int waiterPid;
    private static TargetFacts superuserScan;
    private static TargetFacts monitorScan;
    private static TargetFacts plainScan;
    private static Instant started;

    @BeforeAll
    static void setUp() throws Exception {
        started = Instant.now();
        // autovacuum off: the test decides when tables are analyzed
        pg = EmbeddedServers.start(Map.of("max_prepared_transactions", "5", "autovacuum", "off"),
                EmbeddedServers.hba("""
                        local all all trust
                        host  all all 127.0.0.1/32 trust
                        host  all all ::1/128      trust
                        """));
        EmbeddedServers.execute(pg, "postgres",
                "CREATE ROLE monitor LOGIN IN ROLE pg_monitor",
                "CREATE ROLE plain LOGIN",
                "CREATE DATABASE shop");
        EmbeddedServers.execute(pg, "shop",
                "CREATE TABLE with_pk (id int PRIMARY KEY, v text)",
                "INSERT INTO with_pk SELECT g, 'v' || g FROM generate_series(1, 1000) g",
                "CREATE UNIQUE INDEX with_pk_cover ON with_pk (id) INCLUDE (v)",
                "CREATE TABLE no_pk (a int, b int, c text)",
                "INSERT INTO no_pk SELECT g, g % 10, CASE WHEN g % 3 = 0 THEN NULL ELSE 'C' || g END"
                        + " FROM generate_series(1, 1000) g",
                "CREATE INDEX no_pk_a ON no_pk (a)",
                "CREATE INDEX no_pk_a_dup ON no_pk (a)",
                "CREATE INDEX no_pk_a_b ON no_pk (a, b)",
                "CREATE INDEX no_pk_partial ON no_pk (b) WHERE c IS NOT NULL",
                "CREATE INDEX no_pk_expr ON no_pk (lower(c))",
                "CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES with_pk (id), note text)",
                "CREATE TABLE parent2 (a int, b int, PRIMARY KEY (a, b))",
                "CREATE TABLE child2 (x int, b int, a int, CONSTRAINT child2_ab FOREIGN KEY (a, b)"
                        + " REFERENCES parent2 (a, b))",
                "CREATE INDEX child2_ab_idx ON child2 (a, b)",
                "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE SEQUENCE s MAXVALUE 100",
                "SELECT setval('s', 95)",
                "CREATE TABLE bloated (id int, pad text)",
                "INSERT INTO bloated SELECT g, repeat('b', 100) FROM generate_series(1, 50000) g",
                "DELETE FROM bloated WHERE id % 10 <> 0",
                "CREATE TABLE never_analyzed (id int)",
                "INSERT INTO never_analyzed SELECT generate_series(1, 100)");
        // A session's counters reach the shared statistics after it commits, asynchronously: VACUUM and
        // ANALYZE run only once the load's counters are in, or those would land on top of their results.
        awaitStats("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'with_pk'", 1000);
        awaitStats("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'bloated'", 45000);
        EmbeddedServers.execute(pg, "shop", "VACUUM ANALYZE bloated", "ANALYZE with_pk", "ANALYZE no_pk");
        // Fails on the duplicate values of b and leaves an INVALID index behind (CONCURRENTLY cannot roll back).
        SQLException duplicate = assertThrows(SQLException.class, () -> EmbeddedServers.execute(pg, "shop",
                "CREATE UNIQUE INDEX CONCURRENTLY no_pk_b_unique ON no_pk (b)"));
        assertEquals("23505", duplicate.getSQLState());
        EmbeddedServers.execute(pg, "shop",
                "INSERT INTO with_pk SELECT g, 'late' FROM generate_series(1001, 1050) g",
                "BEGIN; INSERT INTO with_pk VALUES (5000, 'prepared'); PREPARE TRANSACTION '" + GID + "'");
        awaitStats("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'with_pk'", 50);

        holder = pg.getDatabase("postgres", "shop").getConnection();
        holder.setAutoCommit(false);
        holderPid = pid(holder);
        try (Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(4711)"); // now idle in transaction, holding the lock
        }
        waiter = pg.getDatabase("postgres", "shop").getConnection();
        waiterPid = pid(waiter);
        blockedCall = CompletableFuture.runAsync(() -> {
            try (Statement s = waiter.createStatement()) {
                s.execute("SELECT pg_advisory_lock(4711)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitStats("SELECT count(*) FROM pg_stat_activity WHERE pid = " + waiterPid + " AND wait_event_type = 'Lock'",
                1);

        superuserScan = scan("postgres");
        monitorScan = scan("monitor");
        plainScan = scan("plain");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (holder != null) {
            holder.rollback();
            blockedCall.get();
            holder.close();
            waiter.close();
        }
        if (pg != null) {
            EmbeddedServers.execute(pg, "shop", "ROLLBACK PREPARED '" + GID + "'");
            pg.close();
        }
        System.out.println("PostgresHealthIT: set up, three scans and teardown in "
                + Duration.between(started, Instant.now()).toMillis() + " ms");
    }

    @Test
    void superuserScanHasNoErrors() {
        assertEquals(List.of(), superuserScan.errors());
        for (String kind : List.of("PgDatabase", "PgStatDatabase", "PgTable", "PgIndex", "PgForeignKey", "PgBackend",
                "PgPreparedXact", "PgSequence", "PgReplicationClient", "PgReplicaStatus", "PgReplicationSlot",
                "PgArchiver", "PgCheckpoint", "HostResources")) {
            assertTrue(superuserScan.collected().contains(kind), kind);
        }
        // no backup source declared: not collected, and not an error either
        assertFalse(superuserScan.collected().contains("BackupStatus"));
    }

    @Test
    void databasesCarrySizeAndWraparoundAge() {
        Map<String, PgDatabase> databases = facts(superuserScan, PgDatabase.class).stream()
                .collect(Collectors.toMap(PgDatabase::name, d -> d));
        assertEquals(Set.of("postgres", "shop", "template0", "template1"), databases.keySet());
        PgDatabase shop = databases.get("shop");
        assertEquals("postgres", shop.owner());
        assertTrue(shop.allowConn());
        assertEquals(-1, shop.connLimit());
        assertFalse(shop.template());
        assertTrue(shop.sizeBytes() > 1_000_000, shop.toString());
        assertTrue(shop.frozenXidAge() > 0 && shop.frozenXidAge() < 1_000_000, shop.toString());
        assertTrue(shop.minMultiXidAge() >= 0);
        assertFalse(databases.get("template0").allowConn());
        assertTrue(databases.get("template0").template());

        PgStatDatabase stats = facts(superuserScan, PgStatDatabase.class).stream()
                .filter(d -> d.database().equals("shop")).findFirst().orElseThrow();
        assertTrue(stats.xactCommit() > 0, stats.toString());
        assertTrue(stats.blksHit() > 0, stats.toString());
        assertTrue(stats.numBackends() >= 2, stats.toString()); // the holder and the waiter
        assertNull(stats.checksumFailures(), "initdb without --data-checksums: " + stats);
    }

    @Test
    void tablesShowPrimaryKeysPartitioningAnalyzeDebtAndBloat() {
        Map<String, PgTable> tables = tables(superuserScan);
        assertEquals(Set.of("with_pk", "no_pk", "orders", "parent2", "child2", "events", "events_2026", "bloated",
                "never_analyzed"), tables.keySet());
        assertTrue(facts(superuserScan, PgTable.class).stream().allMatch(t -> t.database().equals("shop")
                || t.database().equals("postgres")));
        PgTable withPk = tables.get("with_pk");
        assertTrue(withPk.hasPrimaryKey());
        assertFalse(withPk.partitioned());
        assertEquals("public", withPk.schema());
        assertEquals(50, withPk.modsSinceAnalyze(), withPk.toString());
        assertEquals(1000, withPk.reltuples(), 0.5);
        assertNotNull(withPk.lastAnalyze());
        assertNull(withPk.lastAutovacuum());
        assertTrue(withPk.totalBytes() > withPk.sizeBytes() && withPk.sizeBytes() > 0, withPk.toString());
        assertTrue(withPk.frozenXidAge() > 0, withPk.toString());
        assertNotNull(withPk.estimatedBloatBytes());
        assertTrue(withPk.estimatedBloatBytes() < 3 * 8192, "freshly loaded, hardly bloated: " + withPk);

        assertFalse(tables.get("no_pk").hasPrimaryKey());
        assertTrue(tables.get("events").partitioned());
        assertEquals(0, tables.get("events").frozenXidAge(), "a partitioned table has no relfrozenxid");
        assertNull(tables.get("events").estimatedBloatBytes());
        assertFalse(tables.get("events_2026").partitioned());

        PgTable bloated = tables.get("bloated");
        assertNotNull(bloated.lastVacuum());
        assertEquals(5000, bloated.liveTuples(), bloated.toString());
        // 90% of the rows deleted and only VACUUMed: the pages stay, so ~90% of the heap is bloat.
        assertNotNull(bloated.estimatedBloatBytes());
        assertTrue(bloated.estimatedBloatBytes() > bloated.sizeBytes() * 0.8, bloated.toString());
        assertTrue(bloated.estimatedBloatBytes() <= bloated.sizeBytes(), bloated.toString());

        assertNull(tables.get("never_analyzed").estimatedBloatBytes(), "no pg_stats, no estimate");
    }

    @Test
    void indexesShowValidityColumnsPredicatesAndConstraints() {
        Map<String, PgIndex> indexes = facts(superuserScan, PgIndex.class).stream()
                .collect(Collectors.toMap(PgIndex::name, i -> i));
        PgIndex invalid = indexes.get("no_pk_b_unique");
        assertFalse(invalid.valid());
        assertTrue(invalid.unique());
        assertEquals(List.of("b"), invalid.columns());

        PgIndex a = indexes.get("no_pk_a");
        PgIndex dup = indexes.get("no_pk_a_dup");
        assertEquals(a.columns(), dup.columns());
        assertEquals(List.of("a"), a.columns());
        assertTrue(a.valid() && a.ready());
        assertEquals("btree", a.method());
        assertEquals("no_pk", a.table());
        assertEquals("shop", a.database());
        assertTrue(a.prefixOf(indexes.get("no_pk_a_b")));
        assertEquals(List.of("a", "b"), indexes.get("no_pk_a_b").columns());
        assertTrue(a.sizeBytes() > 0);
        assertNull(a.constraint());
        assertTrue(a.definition().startsWith("CREATE INDEX no_pk_a ON public.no_pk"), a.definition());

        PgIndex partial = indexes.get("no_pk_partial");
        assertTrue(partial.partial());
        assertEquals("c IS NOT NULL", partial.predicate());
        assertFalse(partial.expression());

        PgIndex expression = indexes.get("no_pk_expr");
        assertTrue(expression.expression());
        assertEquals(List.of("lower(c)"), expression.columns());
        assertNull(expression.predicate());

        PgIndex cover = indexes.get("with_pk_cover");
        assertEquals(List.of("id"), cover.columns());
        assertEquals(List.of("v"), cover.includeColumns());
        assertTrue(cover.unique());
        assertFalse(cover.primary());

        PgIndex pkey = indexes.get("with_pk_pkey");
        assertTrue(pkey.primary());
        assertEquals("with_pk_pkey", pkey.constraint());
        assertEquals("parent2_pkey", indexes.get("parent2_pkey").constraint());
        assertFalse(indexes.containsKey("events_pkey"), "no partitioned parent indexes");
    }

    @Test
    void foreignKeysListTheirColumnsInOrderAndTheUnindexedOneStandsOut() {
        Map<String, PgForeignKey> keys = facts(superuserScan, PgForeignKey.class).stream()
                .collect(Collectors.toMap(PgForeignKey::name, k -> k));
        assertEquals(Set.of("orders_customer_id_fkey", "child2_ab"), keys.keySet());
        PgForeignKey orders = keys.get("orders_customer_id_fkey");
        assertEquals(List.of("customer_id"), orders.columns());
        assertEquals("orders", orders.table());
        assertEquals("public", orders.referencedSchema());
        assertEquals("with_pk", orders.referencedTable());
        assertEquals(List.of("a", "b"), keys.get("child2_ab").columns());
        // what an unindexed-FK rule will check: no index on orders leads with customer_id
        List<PgIndex> indexes = facts(superuserScan, PgIndex.class);
        assertFalse(indexes.stream().anyMatch(i -> i.table().equals("orders")
                && i.columns().get(0).equals("customer_id")));
        assertTrue(indexes.stream().anyMatch(i -> i.table().equals("child2")
                && i.columns().equals(keys.get("child2_ab").columns())));
    }

    @Test
    void sequencesShowHowCloseTheyAreToTheirLimit() {
        Map<String, PgSequence> sequences = facts(superuserScan, PgSequence.class).stream()
                .collect(Collectors.toMap(PgSequence::name, q -> q));
        PgSequence s = sequences.get("s");
        assertEquals("shop", s.database());
        assertEquals("bigint", s.dataType());
        assertEquals(95L, s.lastValue());
        assertEquals(100, s.maxValue());
        assertEquals(1, s.minValue());
        assertEquals(1, s.increment());
        assertFalse(s.cycle());
        PgSequence serial = sequences.get("orders_id_seq");
        assertEquals("integer", serial.dataType());
        assertNull(serial.lastValue(), "never used");
        assertEquals(Integer.MAX_VALUE, serial.maxValue());
    }

    @Test
    void preparedTransactionsAndSessionsIdleOrBlocked() {
        PgPreparedXact prepared = facts(superuserScan, PgPreparedXact.class).stream()
                .filter(x -> x.gid().equals(GID)).findFirst().orElseThrow();
        assertEquals("shop", prepared.database());
        assertEquals("postgres", prepared.owner());
        assertTrue(prepared.prepared().isAfter(started.minusSeconds(5)));

        Map<Integer, PgBackend> backends = facts(superuserScan, PgBackend.class).stream()
                .collect(Collectors.toMap(PgBackend::pid, b -> b));
        PgBackend idle = backends.get(holderPid);
        assertEquals("idle in transaction", idle.state());
        assertEquals("client backend", idle.backendType());
        assertEquals("shop", idle.database());
        assertEquals("postgres", idle.user());
        assertNotNull(idle.xactStart());
        assertFalse(idle.blocked());
        PgBackend blocked = backends.get(waiterPid);
        assertTrue(blocked.blocked(), blocked.toString());
        assertEquals("active", blocked.state());
        assertEquals("Lock", blocked.waitEventType());
        // the scanner's own sessions are not listed
        assertTrue(backends.values().stream().noneMatch(b -> b.pid() == 0));
    }

    @Test
    void theLocalHostsResourcesComeFromTheOs() {
        HostResources host = PostgresCollectorIT.only(superuserScan, HostResources.class);
        assertEquals("os", host.source());
        assertEquals(Runtime.getRuntime().availableProcessors(), host.cpus());
        assertTrue(host.memoryBytes() > 256L * 1024 * 1024, host.toString());
    }

    @Test
    void pgMonitorReadsEverythingButUnreadableSequencesAndSeesNoColumnStatistics() {
        assertEquals(Map.of("PgRolePassword", ErrorReason.PRIVILEGE, "PgHbaEntry", ErrorReason.PRIVILEGE,
                "PgSequence", ErrorReason.PRIVILEGE, "PgFileSetting", ErrorReason.PRIVILEGE), errors(monitorScan));
        CollectionError sequences = monitorScan.errors().stream().filter(e -> e.factKind().equals("PgSequence"))
                .findFirst().orElseThrow();
        assertTrue(sequences.message().contains("database shop"), sequences.message());
        for (String kind : List.of("PgDatabase", "PgStatDatabase", "PgTable", "PgIndex", "PgForeignKey", "PgBackend",
                "PgPreparedXact", "PgReplicationClient", "PgReplicaStatus", "PgReplicationSlot", "PgArchiver",
                "PgCheckpoint", "PgConnection")) {
            assertTrue(monitorScan.collected().contains(kind), kind);
        }
        assertTrue(facts(monitorScan, PgBackend.class).stream().anyMatch(b -> b.pid() == holderPid
                && "idle in transaction".equals(b.state())));
        // pg_stats hides the columns of tables the role may not SELECT: no estimate rather than a wrong one
        assertNull(tables(monitorScan).get("bloated").estimatedBloatBytes());
        assertEquals(tables(superuserScan).get("bloated").sizeBytes(), tables(monitorScan).get("bloated").sizeBytes());
    }

    @Test
    void aRoleWithoutMonitoringRightsGetsPrivilegeErrorsNotEmptyLists() {
        Map<String, ErrorReason> errors = errors(plainScan);
        for (String kind : List.of("PgBackend", "PgConnection", "PgReplicationClient", "PgReplicaStatus",
                "PgSequence", "PgRolePassword", "PgHbaEntry")) {
            assertEquals(ErrorReason.PRIVILEGE, errors.get(kind), kind + " in " + errors);
            assertFalse(plainScan.collected().contains(kind), kind);
        }
        assertTrue(facts(plainScan, PgBackend.class).isEmpty());
        // what PUBLIC may read is still read
        // (pg_control_checkpoint() is not revoked from PUBLIC in a stock server)
        for (String kind : List.of("PgDatabase", "PgStatDatabase", "PgTable", "PgIndex", "PgForeignKey",
                "PgPreparedXact", "PgReplicationSlot", "PgArchiver", "PgCheckpoint")) {
            assertTrue(plainScan.collected().contains(kind), kind + " in " + errors);
        }
    }

    @Test
    void aDatabaseWithoutConnectIsAPrivilegeErrorNotSkipped() throws Exception {
        EmbeddedServers.execute(pg, "postgres", "CREATE DATABASE restricted",
                "REVOKE CONNECT ON DATABASE restricted FROM PUBLIC");
        try {
            TargetFacts monitor = scan("monitor");
            for (String kind : List.of("PgTable", "PgIndex", "PgForeignKey", "PgSequence", "PgExtension")) {
                CollectionError error = monitor.errors().stream().filter(e -> e.factKind().equals(kind))
                        .filter(e -> e.message().contains("database restricted")).findFirst()
                        .orElseThrow(() -> new AssertionError(kind + ": " + monitor.errors()));
                assertEquals(ErrorReason.PRIVILEGE, error.reason());
                assertFalse(monitor.collected().contains(kind));
            }
            // pg_read_all_stats (in pg_monitor) may size a database it cannot connect to; PUBLIC may not
            assertTrue(monitor.collected().contains("PgDatabase"));
            TargetFacts plain = scan("plain");
            assertEquals(ErrorReason.PRIVILEGE, errors(plain).get("PgDatabase"));
        } finally {
            EmbeddedServers.execute(pg, "postgres", "DROP DATABASE restricted");
        }
    }

    // --- helpers

    private static TargetFacts scan(String user) throws Exception {
        Target target = TargetUrls.parse("postgresql://" + user + "@127.0.0.1:" + pg.getPort() + "/postgres",
                Map.of());
        return PostgresCollectorIT.collector().collect(target, new PasswordSource.Default(), OPTIONS);
    }

    private static Map<String, PgTable> tables(TargetFacts scan) {
        return facts(scan, PgTable.class).stream().filter(t -> t.database().equals("shop"))
                .collect(Collectors.toMap(PgTable::name, t -> t));
    }

    private static Map<String, ErrorReason> errors(TargetFacts scan) {
        return scan.errors().stream().collect(Collectors.toMap(CollectionError::factKind, CollectionError::reason,
                (a, b) -> a));
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Statistics reach the views asynchronously; wait until {@code query} returns {@code expected}. */
    private static void awaitStats(String query, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            try (Connection c = pg.getDatabase("postgres", "shop").getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(query)) {
                last = rs.next() ? rs.getLong(1) : -1;
            }
            if (last == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(query + " returned " + last + ", not " + expected);
    }
}
