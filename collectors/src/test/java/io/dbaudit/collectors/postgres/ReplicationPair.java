package io.dbaudit.collectors.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real primary and a hot standby streaming from it, both zonky embedded servers. The embedded binaries
 * have no pg_basebackup, so the standby is made from a file-level base backup taken the documented
 * low-level way: pg_backup_start in a session kept open, copy the data directory (without the files the
 * documentation says to leave out), pg_backup_stop, and its backup_label written into the copy. The
 * standby streams through a physical slot of its own, so the primary keeps the WAL it still needs.
 */
final class ReplicationPair implements AutoCloseable {
    static final String APPLICATION_NAME = "replica1";
    static final String REPLICA_SLOT = "replica1";
    /** Same settings on both: a hot standby needs max_connections etc. at least as high as its primary. */
    private static final Map<String, String> CONFIG = Map.of(
            "wal_level", "replica",
            "max_wal_senders", "5",
            "max_replication_slots", "5",
            "max_prepared_transactions", "5",
            "hot_standby", "on",
            "wal_receiver_status_interval", "1s",
            "hot_standby_feedback", "on");
    private static final String HBA = """
            local all         all trust
            host  all         all 127.0.0.1/32 trust
            host  all         all ::1/128      trust
            host  replication all 127.0.0.1/32 trust
            host  replication all ::1/128      trust
            """;
    /** Directories whose contents a base backup leaves out (the directories themselves must exist). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    /** Files a base backup leaves out; epg-lock is zonky's lock on the primary's directory. */
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label.old", "standby.signal", "recovery.signal");

    final EmbeddedPostgres primary;
    final EmbeddedPostgres replica;
    private final Path replicaDirectory;

    private ReplicationPair(EmbeddedPostgres primary, EmbeddedPostgres replica, Path replicaDirectory) {
        this.primary = primary;
        this.replica = replica;
        this.replicaDirectory = replicaDirectory;
    }

    /** @param workDirectory where the standby's data directory is made (it must not exist yet) */
    static ReplicationPair start(Path workDirectory) throws Exception {
        EmbeddedPostgres primary = EmbeddedServers.start(CONFIG, EmbeddedServers.hba(HBA));
        Path replicaDirectory = workDirectory.resolve("replica-data");
        EmbeddedPostgres replica = null;
        try {
            sql(primary, "SELECT pg_create_physical_replication_slot('" + REPLICA_SLOT + "', true)");
            baseBackup(primary, replicaDirectory);
            Files.writeString(replicaDirectory.resolve("standby.signal"), "");
            Files.writeString(replicaDirectory.resolve("postgresql.conf"), "\n# dbaudit ReplicationPair\n"
                    + "primary_conninfo = 'host=127.0.0.1 port=" + primary.getPort() + " user=postgres"
                    + " application_name=" + APPLICATION_NAME + "'\n"
                    + "primary_slot_name = '" + REPLICA_SLOT + "'\n", java.nio.file.StandardOpenOption.APPEND);
            replica = EmbeddedServers.builder(CONFIG, null)
                    .setDataDirectory(replicaDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            ReplicationPair pair = new ReplicationPair(primary, replica, replicaDirectory);
            pair.awaitStreaming(Duration.ofSeconds(30));
            return pair;
        } catch (Exception | Error e) {
            if (replica != null) {
                replica.close();
            }
            primary.close();
            deleteTree(replicaDirectory);
            throw e;
        }
    }

    /** The low-level base backup API (pg_backup_start/stop from 15 on, pg_start/stop_backup before). */
    private static void baseBackup(EmbeddedPostgres primary, Path target) throws SQLException, IOException {
        try (Connection session = primary.getPostgresDatabase().getConnection(); Statement s = session.createStatement()) {
            boolean since15 = intValue(s, "SHOW server_version_num") >= 150000;
            Path source = Path.of(stringValue(s, "SHOW data_directory"));
            s.execute(since15 ? "SELECT pg_backup_start('dbaudit-it', true)"
                    : "SELECT pg_start_backup('dbaudit-it', true, false)");
            copyDataDirectory(source, target);
            try (ResultSet rs = s.executeQuery(since15 ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString("labelfile"));
                String spcmap = rs.getString("spcmapfile");
                if (spcmap != null && !spcmap.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), spcmap);
                }
            }
        }
    }

    private static void copyDataDirectory(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path parent = dir.getParent();
                if (!dir.equals(source) && parent.equals(source.resolve(parent.getFileName()))
                        && parent.getParent().equals(source) && EMPTIED.contains(parent.getFileName().toString())) {
                    // e.g. pg_replslot/replica1 or pg_wal/archive_status: the server makes what it needs
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path parent = file.getParent();
                boolean inEmptied = parent.getParent() != null && parent.getParent().equals(source)
                        && EMPTIED.contains(parent.getFileName().toString());
                if (inEmptied || (parent.equals(source) && SKIPPED.contains(file.getFileName().toString()))) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException vanished) {
                    // the server removed it while we copied (a temp file): WAL replay recreates what matters
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }
        });
    }

    private void awaitStreaming(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (intValue(primary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = '"
                    + APPLICATION_NAME + "' AND state = 'streaming'") == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the standby did not start streaming within " + timeout.toSeconds() + " s");
    }

    static void sql(EmbeddedPostgres pg, String... statements) throws SQLException {
        EmbeddedServers.execute(pg, "postgres", statements);
    }

    static long longValue(EmbeddedPostgres pg, String query) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int intValue(EmbeddedPostgres pg, String query) throws SQLException {
        return (int) longValue(pg, query);
    }

    static String stringValue(EmbeddedPostgres pg, String query) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int intValue(Statement s, String query) throws SQLException {
        return Integer.parseInt(stringValue(s, query));
    }

    private static String stringValue(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            replica.close();
        } finally {
            primary.close();
            deleteTree(replicaDirectory);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: the build's target directory is cleaned anyway
        }
    }
}
