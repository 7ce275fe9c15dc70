package io.dbaudit.collectors.backup;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.BackupStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupDirectoryTest {
    private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NEWER = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant TOO_DEEP = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void newestFileOrDirectoryWithinTwoLevelsIsTheLastBackup() throws IOException, BackupSourceException {
        Path dumps = Files.createDirectories(root.resolve("dumps"));
        Path nested = Files.createDirectories(dumps.resolve("2026-03-01"));
        Path deep = Files.writeString(Files.createDirectories(nested.resolve("deeper")).resolve("x"), "x");
        Path file = Files.writeString(root.resolve("base.tar.gz"), "backup");
        Path inner = Files.writeString(dumps.resolve("db.dump"), "dump");
        touch(deep, TOO_DEEP); // level 4: not looked at
        touch(nested.resolve("deeper"), OLD);
        touch(file, OLD);
        touch(inner, NEWER);
        touch(nested, NEWEST); // a directory at level 2 counts
        touch(dumps, OLD);
        touch(root, TOO_DEEP); // the directory itself does not count

        BackupStatus status = BackupDirectory.read(root);
        assertEquals("dir:" + root, status.source());
        assertEquals(NEWEST, status.lastSuccess());
        assertNull(status.lastFailure());
        assertNull(status.backupType());
        assertTrue(status.detail().contains("newest dumps/2026-03-01"), status.detail());
    }

    @Test
    void symbolicLinksAreNotFollowedNorCounted() throws IOException, BackupSourceException {
        Path outside = Files.writeString(Files.createTempFile("dbaudit-outside", ".txt"), "x");
        try {
            touch(outside, TOO_DEEP);
            Files.createSymbolicLink(root.resolve("link"), outside);
            Path real = Files.writeString(root.resolve("real.dump"), "x");
            touch(real, NEWER);
            assertEquals(NEWER, BackupDirectory.read(root).lastSuccess());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void anEmptyDirectoryHasNoSuccessfulBackup() throws BackupSourceException {
        BackupStatus status = BackupDirectory.read(root);
        assertNull(status.lastSuccess());
        assertEquals("empty directory", status.detail());
    }

    @Test
    void aMissingOrNonDirectoryPathIsAnError() throws IOException, BackupSourceException {
        BackupSourceException missing = assertThrows(BackupSourceException.class,
                () -> BackupDirectory.read(root.resolve("nope")));
        assertEquals(ErrorReason.ERROR, missing.reason());
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path file = Files.writeString(root.resolve("file"), "x");
        assertEquals(ErrorReason.ERROR, assertThrows(BackupSourceException.class,
                () -> BackupDirectory.read(file)).reason());
    }

    private static void touch(Path p, Instant t) throws IOException, BackupSourceException {
        Files.setLastModifiedTime(p, FileTime.from(t));
    }
}
