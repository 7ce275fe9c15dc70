package io.dbaudit.engine.snapshot;

import io.dbaudit.model.result.ToolInfo;

import java.time.Instant;
import java.util.List;

/**
 * Collected facts of one run, as {@code dbaudit collect} writes them and {@code dbaudit evaluate} reads
 * them: a versioned document that holds no secret (facts never carry one) and, with --redact-names, no
 * object name either.
 */
public record Snapshot(int snapshotVersion, ToolInfo tool, Instant collectedAt, boolean namesRedacted,
                       List<SnapshotTarget> targets) {
    public static final int VERSION = 1;

    public Snapshot {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
