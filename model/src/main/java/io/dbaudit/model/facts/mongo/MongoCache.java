package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/**
 * serverStatus.wiredTiger.cache: "bytes currently in the cache", "maximum bytes configured" and
 * "tracked dirty bytes in the cache".
 */
public record MongoCache(long bytesInCache, long maxBytes, long dirtyBytes) implements Fact {
    public double dirtyRatio() {
        return maxBytes <= 0 ? 0 : (double) dirtyBytes / maxBytes;
    }

    public double dirtyPercent() {
        return Math.round(dirtyRatio() * 1000) / 10.0;
    }

    public double usedPercent() {
        return maxBytes <= 0 ? 0 : Math.round((double) bytesInCache / maxBytes * 1000) / 10.0;
    }
}
