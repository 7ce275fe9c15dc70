package io.dbaudit.model.result;

import io.dbaudit.model.EngineKind;

/** A scanned target as the report lists it. {@code endpoint} never carries a password. */
public record TargetInfo(String id, EngineKind engine, String endpoint, String version, TargetStatus status,
                         String detail, long durationMillis) {
}
