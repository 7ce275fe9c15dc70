package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * The oldest and newest entries of local.oplog.rs (their {@code ts} timestamps' seconds). The window is
 * derived by rules, not stored.
 */
public record MongoOplog(Instant firstTs, Instant lastTs) implements Fact {
    public long windowSeconds() {
        return lastTs.getEpochSecond() - firstTs.getEpochSecond();
    }

    public double windowHours() {
        return windowSeconds() / 3600.0;
    }
}
