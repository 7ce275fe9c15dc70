package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;
import java.util.List;

/**
 * One index from listIndexes. {@code keys} keeps the key document's order as {@code field:direction}
 * ("a:1", "b:-1", "loc:2dsphere"). {@code ops} and {@code since} come from $indexStats' accesses on the
 * scanned member (counters reset at restart, {@code since} says from when); both null when not reported
 * (see {@link MongoIndexStats}).
 */
public record MongoIndex(String db, String collection, String name, List<String> keys, boolean unique,
                         boolean sparse, boolean partial, Long ops, Instant since) implements Fact {
    public MongoIndex {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public String namespace() {
        return db + "." + collection;
    }

    public boolean idIndex() {
        return "_id_".equals(name);
    }

    /** Keys as MongoDB prints them, for messages: {a: 1, b: -1}. */
    public String keySpec() {
        return "{" + String.join(", ", keys.stream().map(k -> k.replaceFirst(":", ": ")).toList()) + "}";
    }

    /** Days between {@code since} and {@code now}; 0 when unknown. */
    public long daysObservedAt(Instant now) {
        return since == null ? 0 : (now.getEpochSecond() - since.getEpochSecond()) / 86400;
    }

    /**
     * True when this index's keys are a strict leading prefix of {@code other}'s (same directions), so a
     * query served by this index can be served by {@code other}. A unique, sparse or partial index is never
     * redundant: it enforces or selects something the longer one does not.
     */
    public boolean prefixOf(MongoIndex other) {
        if (unique || sparse || partial || idIndex() || other.partial || other.sparse) {
            return false;
        }
        if (!db.equals(other.db) || !collection.equals(other.collection) || keys.size() >= other.keys.size()) {
            return false;
        }
        return other.keys.subList(0, keys.size()).equals(keys);
    }
}
