package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/** serverStatus.connections: {@code current} open incoming connections, {@code available} still allowed. */
public record MongoConnections(long current, long available) implements Fact {
    public long limit() {
        return current + available;
    }

    /** Share of the connection limit in use, 0..1. */
    public double usedRatio() {
        long limit = limit();
        return limit <= 0 ? 0 : (double) current / limit;
    }

    public long usedPercent() {
        return Math.round(usedRatio() * 100);
    }
}
