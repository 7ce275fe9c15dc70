package io.dbaudit.collectors.backup;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.BackupStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing of {@code pgbackrest --output=json info}. The documents follow the shape pgBackRest prints (as in
 * its own info command tests and its user guide's monitoring section): a list of stanzas, each with
 * archive[] (min/max per database id), backup[] (label, type, timestamp.start/stop in epoch seconds,
 * error since 2.36), db[], repo[] and status {code, message, lock}.
 */
class PgBackRestInfoTest {
    /** Two good backups (full, then diff), then a newer incr that hit checksum errors. */
    private static final String HEALTHY = """
            [{"archive":[
                {"database":{"id":1,"repo-key":1},"id":"15-1","max":"000000010000000000000003","min":"000000010000000000000001"},
                {"database":{"id":2,"repo-key":1},"id":"17-2","max":"000000020000000000000042","min":"000000020000000000000010"}],
              "backup":[
                {"archive":{"start":"000000020000000000000010","stop":"000000020000000000000010"},
                 "backrest":{"format":5,"version":"2.45"},"database":{"id":2,"repo-key":1},"error":false,
                 "info":{"delta":26897030,"repository":{"delta":3159776,"size":3159776},"size":26897030},
                 "label":"20261101-010000F","lsn":{"start":"0/10000028","stop":"0/10000100"},"prior":null,
                 "reference":null,"timestamp":{"start":1793494800,"stop":1793494830},"type":"full"},
                {"archive":{"start":"000000020000000000000020","stop":"000000020000000000000020"},
                 "backrest":{"format":5,"version":"2.45"},"database":{"id":2,"repo-key":1},"error":false,
                 "info":{"delta":8428,"repository":{"delta":346,"size":3159776},"size":26897030},
                 "label":"20261101-010000F_20261102-010000D","prior":"20261101-010000F",
                 "reference":["20261101-010000F"],"timestamp":{"start":1793581200,"stop":1793581215},"type":"diff"},
                {"archive":{"start":"000000020000000000000030","stop":"000000020000000000000030"},
                 "backrest":{"format":5,"version":"2.45"},"database":{"id":2,"repo-key":1},"error":true,
                 "info":{"delta":8428,"repository":{"delta":346,"size":3159776},"size":26897030},
                 "label":"20261101-010000F_20261103-010000I","prior":"20261101-010000F_20261102-010000D",
                 "reference":["20261101-010000F"],"timestamp":{"start":1793667600,"stop":1793667622},"type":"incr"}],
              "cipher":"none",
              "db":[{"id":1,"repo-key":1,"system-id":6569239123849665679,"version":"15"},
                    {"id":2,"repo-key":1,"system-id":6569239123849665999,"version":"17"}],
              "name":"main",
              "repo":[{"cipher":"none","key":1,"status":{"code":0,"message":"ok"}}],
              "status":{"code":0,"lock":{"backup":{"held":false}},"message":"ok"}}]
            """;
    /** What pgBackRest 2.45 printed here for a stanza whose repository path does not exist. */
    private static final String MISSING_STANZA = "[{\"archive\":[],\"backup\":[],\"cipher\":\"none\",\"db\":[],"
            + "\"name\":\"demo\",\"repo\":[{\"cipher\":\"none\",\"key\":1,\"status\":{\"code\":1,"
            + "\"message\":\"missing stanza path\"}}],\"status\":{\"code\":1,\"lock\":{\"backup\":{\"held\":false}},"
            + "\"message\":\"missing stanza path\"}}]";

    @TempDir
    Path tmp;

    @Test
    void newestGoodBackupIsTheLastSuccessAndAnErroredOneTheLastFailure() throws BackupSourceException {
        BackupStatus status = PgBackRestInfo.parse("main", HEALTHY);
        assertEquals("pgbackrest:main", status.source());
        assertEquals(Instant.ofEpochSecond(1793581215), status.lastSuccess());
        assertEquals("diff", status.backupType());
        assertEquals(Instant.ofEpochSecond(1793667622), status.lastFailure());
        assertEquals("status 0 (ok); 3 backup(s), newest good 20261101-010000F_20261102-010000D;"
                + " wal archive min/max 000000020000000000000010/000000020000000000000042", status.detail());
    }

    @Test
    void backupsWithoutTheErrorFlagFromOlderVersionsCountAsGood() throws BackupSourceException {
        String old = HEALTHY.replace("\"error\":true,", "").replace("\"error\":false,", "");
        BackupStatus status = PgBackRestInfo.parse("main", old);
        assertEquals(Instant.ofEpochSecond(1793667622), status.lastSuccess());
        assertEquals("incr", status.backupType());
        assertNull(status.lastFailure());
    }

    @Test
    void aStanzaWithoutBackupsHasNoSuccessAndSaysWhy() throws BackupSourceException {
        BackupStatus status = PgBackRestInfo.parse("demo", MISSING_STANZA);
        assertNull(status.lastSuccess());
        assertNull(status.lastFailure());
        assertNull(status.backupType());
        assertEquals("status 1 (missing stanza path); 0 backup(s); no wal archive", status.detail());
    }

    @Test
    void otherStatusWrongStanzaAndGarbageAreErrors() {
        String other = MISSING_STANZA.replace("\"code\":1,\"lock\"", "\"code\":99,\"lock\"")
                .replace("\"message\":\"missing stanza path\"}}]", "\"message\":\"other\"}}]");
        assertEquals(ErrorReason.ERROR, assertThrows(BackupSourceException.class,
                () -> PgBackRestInfo.parse("demo", other)).reason());
        assertThrows(BackupSourceException.class, () -> PgBackRestInfo.parse("main", MISSING_STANZA));
        assertThrows(BackupSourceException.class, () -> PgBackRestInfo.parse("main", "ERROR: [055]: nope"));
        assertThrows(BackupSourceException.class, () -> PgBackRestInfo.parse("main", "{\"name\":\"main\"}"));
    }

    @Test
    void aMissingBinaryIsUnsupported() {
        BackupSourceException e = assertThrows(BackupSourceException.class,
                () -> new PgBackRestInfo(tmp.resolve("no-pgbackrest").toString(), Duration.ofSeconds(5))
                        .read("main", null));
        assertEquals(ErrorReason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().startsWith("pgbackrest not found"), e.getMessage());
    }

    @Test
    void theCommandGetsItsArgumentsWithoutAShellAndFailuresCarryStderr() throws Exception {
        // A stand-in that records its argv one per line, then answers like pgBackRest for that stanza.
        Path argv = tmp.resolve("argv");
        Path fake = script("for a in \"$@\"; do echo \"$a\" >> '" + argv + "'; done\n"
                + "echo '[{\"name\":\"a;b $(x)\",\"status\":{\"code\":2,\"message\":\"no valid backups\"}}]'");
        BackupStatus status = new PgBackRestInfo(fake.toString(), Duration.ofSeconds(5))
                .read("a;b $(x)", "/etc/x y.conf");
        assertEquals(java.util.List.of("--output=json", "--config=/etc/x y.conf", "--stanza=a;b $(x)", "info"),
                Files.readAllLines(argv));
        assertEquals("pgbackrest:a;b $(x)", status.source());
        assertNull(status.lastSuccess());
        assertEquals("status 2 (no valid backups); 0 backup(s); no wal archive", status.detail());

        Path failing = script("echo 'ERROR: [055]: unable to open missing file' >&2; exit 55");
        BackupSourceException e = assertThrows(BackupSourceException.class,
                () -> new PgBackRestInfo(failing.toString(), Duration.ofSeconds(5)).read("main", null));
        assertEquals(ErrorReason.ERROR, e.reason());
        assertEquals("pgbackrest info exited with 55: ERROR: [055]: unable to open missing file", e.getMessage());

        Path slow = script("sleep 10");
        BackupSourceException timeout = assertThrows(BackupSourceException.class,
                () -> new PgBackRestInfo(slow.toString(), Duration.ofMillis(300)).read("main", null));
        assertEquals(ErrorReason.TIMEOUT, timeout.reason());
    }

    @Test
    void realPgBackRestOnAnEmptyRepository() throws Exception {
        Path binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "pgbackrest")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(binary != null, "pgbackrest is not installed (Debian package pgbackrest)");
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path config = Files.writeString(tmp.resolve("pgbackrest.conf"), "[global]\nrepo1-path=" + repo
                + "\nlog-path=" + tmp + "\nlock-path=" + tmp + "\nlog-level-file=off\n[demo]\npg1-path=" + tmp.resolve("pg") + "\n");
        BackupSources.Outcome outcome = BackupSources.read(Map.of("pgbackrest-stanza", "demo",
                "pgbackrest-config", config.toString()), Duration.ofSeconds(30));
        assertTrue(outcome.declared());
        assertEquals(0, outcome.errors().size(), outcome.errors().toString());
        BackupStatus status = outcome.statuses().get(0);
        assertEquals("pgbackrest:demo", status.source());
        assertNull(status.lastSuccess());
        assertTrue(status.detail().startsWith("status 1 (missing stanza path)"), status.detail());

        BackupSources.Outcome badConfig = BackupSources.read(Map.of("pgbackrest-stanza", "demo",
                "pgbackrest-config", tmp.resolve("missing.conf").toString()), Duration.ofSeconds(30));
        assertEquals(ErrorReason.ERROR, badConfig.errors().get(0).reason());
        assertTrue(badConfig.errors().get(0).message().contains("[055]"), badConfig.errors().toString());
    }

    @Test
    void sourcesAreOnlyReadWhenDeclaredAndEachFailureIsAnError() throws IOException {
        BackupSources.Outcome none = BackupSources.read(Map.of("memory", "1GB"), Duration.ofSeconds(1));
        assertFalse(none.declared());
        assertTrue(none.statuses().isEmpty() && none.errors().isEmpty());

        PgBackRestInfo missing = new PgBackRestInfo(tmp.resolve("no-pgbackrest").toString(), Duration.ofSeconds(1));
        Path dir = Files.createDirectories(tmp.resolve("backups"));
        BackupSources.Outcome both = BackupSources.read(Map.of("pgbackrest-stanza", "main",
                "backup-dir", dir.toString()), missing);
        assertTrue(both.declared());
        assertEquals(1, both.statuses().size());
        assertEquals("dir:" + dir, both.statuses().get(0).source());
        assertEquals(1, both.errors().size());
        assertEquals("BackupStatus", both.errors().get(0).factKind());
        assertEquals(ErrorReason.UNSUPPORTED, both.errors().get(0).reason());
    }

    private Path script(String body) throws IOException {
        Path p = Files.createTempFile(tmp, "fake-pgbackrest", ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
