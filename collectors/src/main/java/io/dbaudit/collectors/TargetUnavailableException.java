package io.dbaudit.collectors;

import io.dbaudit.model.result.TargetStatus;

/**
 * The target could not be scanned at all (down, refused the login, ...). The message is shown to users
 * and must never contain a secret.
 */
public class TargetUnavailableException extends Exception {
    private final TargetStatus status;

    public TargetUnavailableException(TargetStatus status, String message) {
        super(message);
        this.status = status;
    }

    public TargetStatus status() {
        return status;
    }
}
