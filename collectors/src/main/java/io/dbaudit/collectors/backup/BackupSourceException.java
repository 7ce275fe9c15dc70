package io.dbaudit.collectors.backup;

import io.dbaudit.model.ErrorReason;

/** A declared backup source that could not be read; becomes a CollectionError for BackupStatus. */
public final class BackupSourceException extends Exception {
    private final ErrorReason reason;

    public BackupSourceException(ErrorReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ErrorReason reason() {
        return reason;
    }
}
