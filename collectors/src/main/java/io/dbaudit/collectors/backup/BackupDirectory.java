package io.dbaudit.collectors.backup;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.BackupStatus;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.EnumSet;

/**
 * A directory that backups are written into (dumps, base backups, snapshots): the newest regular file or
 * directory at most two levels below it is taken as the last successful backup. Symbolic links are not
 * followed, and the directory's own mtime does not count (deleting an old backup touches it too).
 */
public final class BackupDirectory {
    private static final int DEPTH = 2;

    private BackupDirectory() {
    }

    public static BackupStatus read(Path directory) throws BackupSourceException {
        String source = "dir:" + directory;
        if (!Files.exists(directory)) {
            throw new BackupSourceException(ErrorReason.ERROR,
                    "backup-dir " + directory + " does not exist on the scanning host");
        }
        if (!Files.isDirectory(directory)) {
            throw new BackupSourceException(ErrorReason.ERROR, "backup-dir " + directory + " is not a directory");
        }
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            throw new BackupSourceException(ErrorReason.PRIVILEGE, "backup-dir " + directory + " is not readable");
        }
        Newest newest = new Newest(directory);
        try {
            Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), DEPTH, newest);
        } catch (AccessDeniedException e) {
            throw new BackupSourceException(ErrorReason.PRIVILEGE, "backup-dir " + directory + ": access denied to "
                    + e.getFile());
        } catch (IOException e) {
            throw new BackupSourceException(ErrorReason.ERROR, "backup-dir " + directory + ": " + e);
        }
        String detail = newest.count == 0 ? "empty directory"
                : newest.count + " entries within " + DEPTH + " levels; newest " + directory.relativize(newest.path);
        return new BackupStatus(source, null, newest.time, null, detail);
    }

    private static final class Newest extends SimpleFileVisitor<Path> {
        private final Path root;
        private Instant time;
        private Path path;
        private int count;

        Newest(Path root) {
            this.root = root;
        }

        private void consider(Path p, BasicFileAttributes attrs) {
            if (p.equals(root) || !(attrs.isRegularFile() || attrs.isDirectory())) {
                return;
            }
            count++;
            Instant modified = attrs.lastModifiedTime().toInstant();
            if (time == null || modified.isAfter(time)) {
                time = modified;
                path = p;
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            consider(dir, attrs);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            consider(file, attrs);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            // An unreadable subdirectory still has an mtime of its own; what is inside it is not seen.
            try {
                consider(file, Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException | SecurityException ignored) {
                // vanished meanwhile (a backup rotating) or not even stat-able: nothing to learn
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
