package io.dbaudit.model.facts;

import java.time.Instant;

/**
 * The newest backup one backup source knows of (shared across engines): pgBackRest, a backup directory,
 * a Redis RDB save, ... {@code backupType} is the source's own word (full, diff, incr, dump); {@code source} names it ("pgbackrest:main", "dir:/backups"); {@code lastSuccess}
 * is null when the source holds no successful backup.
 */
public record BackupStatus(String source, String backupType, Instant lastSuccess, Instant lastFailure, String detail)
        implements Fact {
}
