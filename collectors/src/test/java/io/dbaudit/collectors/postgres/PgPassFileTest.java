package io.dbaudit.collectors.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgPassFileTest {
    @TempDir
    Path dir;

    @Test
    void firstMatchingLineWinsAndWildcardsMatchAnything() throws IOException {
        PgPassFile file = file("""
                # a comment line
                
                db1:5432:app:auditor:first
                *:*:*:auditor:second
                *:*:*:*:third
                """);
        assertEquals(Optional.of("first"), file.find("db1", 5432, "app", "auditor"));
        assertEquals(Optional.of("second"), file.find("db2", 6000, "other", "auditor"));
        assertEquals(Optional.of("third"), file.find("db2", 6000, "other", "someone"));
    }

    @Test
    void escapedColonAndBackslashAreLiteral() throws IOException {
        PgPassFile file = file("fe80\\:\\:1:5432:*:u:pa\\:ss\\\\word\n");
        assertEquals(Optional.of("pa:ss\\word"), file.find("fe80::1", 5432, "app", "u"));
    }

    @Test
    void escapedStarIsALiteralStarNotAWildcard() throws IOException {
        PgPassFile file = file("\\*:*:*:*:literal\n");
        assertEquals(Optional.empty(), file.find("db1", 5432, "app", "u"));
        assertEquals(Optional.of("literal"), file.find("*", 5432, "app", "u"));
    }

    @Test
    void socketConnectionsMatchLocalhost() throws IOException {
        PgPassFile file = file("localhost:5432:*:*:local\n");
        assertEquals(Optional.of("local"), file.find("/var/run/postgresql", 5432, "app", "u"));
    }

    @Test
    void shortLinesAndMismatchesGiveNothing() throws IOException {
        PgPassFile file = file("db1:5432:app\ndb1:5433:app:u:x\n");
        assertEquals(Optional.empty(), file.find("db1", 5432, "app", "u"));
    }

    @Test
    void groupReadableFileIsIgnoredAsLibpqDoes() throws IOException {
        Path path = Files.writeString(dir.resolve("open"), "*:*:*:*:x\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.empty(), new PgPassFile(path).find("db1", 5432, "app", "u"));
    }

    @Test
    void locateUsesPgPassFileThenHome() {
        assertEquals(Path.of("/x/pass"), PgPassFile.locate(Map.of("PGPASSFILE", "/x/pass", "HOME", "/h")).path());
        assertEquals(Path.of("/h/.pgpass"), PgPassFile.locate(Map.of("HOME", "/h")).path());
    }

    private PgPassFile file(String content) throws IOException {
        Path path = Files.writeString(dir.resolve("pgpass"), content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return new PgPassFile(path);
    }
}
