package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.TargetUrls;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgArchiver;
import io.dbaudit.model.facts.pg.PgBackend;
import io.dbaudit.model.facts.pg.PgCheckpoint;
import io.dbaudit.model.facts.pg.PgReplicaStatus;
import io.dbaudit.model.facts.pg.PgReplicationClient;
import io.dbaudit.model.facts.pg.PgReplicationSlot;
import io.dbaudit.model.facts.pg.PgServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dbaudit.collectors.postgres.PostgresCollectorIT.facts;
import static io.dbaudit.collectors.postgres.PostgresCollectorIT.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HA kinds against a real primary and a real hot standby streaming from it: replay paused on the
 * standby while the primary writes some MB of WAL, and an inactive slot holding WAL back on the primary.
 */
class ReplicationCollectorIT {
    private static final CollectOptions OPTIONS = CollectOptions.defaults();

    @TempDir
    static Path work;

    private static ReplicationPair pair;
    private static TargetFacts primaryScan;
    private static TargetFacts replicaScan;
    private static Instant started;

    @BeforeAll
    static void startPairAndCreateLag() throws Exception {
        started = Instant.now();
        pair = ReplicationPair.start(work);
        ReplicationPair.sql(pair.replica, "SELECT pg_wal_replay_pause()");
        ReplicationPair.sql(pair.primary,
                "SELECT pg_create_physical_replication_slot('stale', true)",
                "CREATE TABLE filler AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 40000) g",
                "CHECKPOINT");
        // Wait until the standby has received (not replayed) the new WAL and told the primary so.
        awaitTrue(() -> ReplicationPair.longValue(pair.replica,
                "SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())") > 1_000_000);
        awaitTrue(() -> ReplicationPair.longValue(pair.primary,
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication") > 1_000_000);
        primaryScan = scan(pair.primary);
        replicaScan = scan(pair.replica);
    }

    @AfterAll
    static void stopPair() throws Exception {
        if (pair != null) {
            pair.close();
        }
        System.out.println("ReplicationCollectorIT: pair up, lag made, scanned and stopped in "
                + Duration.between(started, Instant.now()).toMillis() + " ms");
    }

    @Test
    void bothScansSucceedWithoutErrors() {
        assertEquals(List.of(), primaryScan.errors());
        assertEquals(List.of(), replicaScan.errors());
        assertFalse(only(primaryScan, PgServer.class).inRecovery());
        assertTrue(only(replicaScan, PgServer.class).inRecovery());
        for (String kind : List.of("PgReplicationClient", "PgReplicaStatus", "PgReplicationSlot", "PgArchiver",
                "PgCheckpoint", "PgBackend")) {
            assertTrue(primaryScan.collected().contains(kind), kind);
            assertTrue(replicaScan.collected().contains(kind), kind);
        }
    }

    @Test
    void primarySeesTheStreamingStandbyBehindInReplay() {
        PgReplicationClient client = only(primaryScan, PgReplicationClient.class);
        assertEquals(ReplicationPair.APPLICATION_NAME, client.applicationName());
        assertEquals("streaming", client.state());
        assertEquals("async", client.syncState());
        assertEquals("127.0.0.1", client.clientAddr());
        assertTrue(client.replayLagBytes() > 1_000_000, client.toString());
        assertTrue(client.replayLagBytes() >= client.flushLagBytes(), client.toString());
        assertTrue(client.sentLagBytes() >= 0, client.toString());
        // the walsender is a backend of its own
        assertTrue(facts(primaryScan, PgBackend.class).stream()
                .anyMatch(b -> b.backendType().equals("walsender")), facts(primaryScan, PgBackend.class).toString());
        // the primary is not in recovery: the kind is read and empty
        assertTrue(facts(primaryScan, PgReplicaStatus.class).isEmpty());
    }

    @Test
    void standbyReportsPausedReplayAndTheWalItHasNotReplayed() {
        PgReplicaStatus status = only(replicaScan, PgReplicaStatus.class);
        assertTrue(status.replayPaused(), status.toString());
        assertTrue(status.receiveReplayGapBytes() > 1_000_000, status.toString());
        assertNotNull(status.receiveLsn());
        assertNotNull(status.replayLsn());
        assertEquals("streaming", status.walReceiverStatus());
        assertEquals("127.0.0.1", status.senderHost());
        assertEquals(pair.primary.getPort(), status.senderPort());
        // nobody streams from the standby, and pg_current_wal_lsn() (which fails there) was not used
        assertTrue(facts(replicaScan, PgReplicationClient.class).isEmpty());
    }

    @Test
    void staleSlotIsInactiveAndHoldsWalBack() {
        List<PgReplicationSlot> slots = facts(primaryScan, PgReplicationSlot.class);
        PgReplicationSlot stale = slots.stream().filter(s -> s.name().equals("stale")).findFirst().orElseThrow();
        assertFalse(stale.active());
        assertFalse(stale.temporary());
        assertEquals("physical", stale.slotType());
        assertNull(stale.database());
        assertNotNull(stale.retainedBytes());
        assertTrue(stale.retainedBytes() > 1_000_000, stale.toString());
        assertNotNull(stale.walStatus());
        PgReplicationSlot used = slots.stream().filter(s -> s.name().equals(ReplicationPair.REPLICA_SLOT))
                .findFirst().orElseThrow();
        assertTrue(used.active(), used.toString());
        assertTrue(used.retainedBytes() < stale.retainedBytes(), slots.toString());
    }

    @Test
    void checkpointAndArchiverOnBothServers() {
        for (TargetFacts scan : List.of(primaryScan, replicaScan)) {
            PgCheckpoint checkpoint = only(scan, PgCheckpoint.class);
            assertEquals(1, checkpoint.timeline());
            assertNotNull(checkpoint.redoLsn());
            assertTrue(checkpoint.checkpointTime().isAfter(started.minusSeconds(5)), checkpoint.toString());
            PgArchiver archiver = only(scan, PgArchiver.class);
            assertEquals(0, archiver.failedCount());
            assertNull(archiver.lastFailedTime());
        }
    }

    private static TargetFacts scan(EmbeddedPostgres server) throws Exception {
        Target target = TargetUrls.parse("postgresql://postgres@127.0.0.1:" + server.getPort() + "/postgres",
                Map.of());
        return PostgresCollectorIT.collector().collect(target, new PasswordSource.Default(), OPTIONS);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            Thread.sleep(100);
        }
    }
}
