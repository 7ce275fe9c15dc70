package io.dbaudit.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new ");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void failedFirstWriteLeavesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/report.html");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            throw new IllegalStateException("template broke");
        }));
        assertEquals(List.of(), list(dir.resolve("sub")));
    }

    @Test
    void successfulWriteReplacesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");
        assertEquals(file.toAbsolutePath(), AtomicFiles.write(file, out -> out.write("new ✓")));
        assertEquals("new ✓", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
