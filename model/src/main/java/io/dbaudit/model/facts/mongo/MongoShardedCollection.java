package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One sharded collection from config.collections (as seen through a mongos). {@code key} keeps the shard
 * key's order as {@code field:value} ("_id:1", "userId:hashed").
 */
public record MongoShardedCollection(String ns, List<String> key, boolean hashed, boolean unique) implements Fact {
    public MongoShardedCollection {
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** The shard key's first field, where monotonic values hurt ("_id"). */
    public String prefixField() {
        if (key.isEmpty()) {
            return "";
        }
        String k = key.get(0);
        int colon = k.lastIndexOf(':');
        return colon < 0 ? k : k.substring(0, colon);
    }

    /** Whether the shard key's first field is hashed (hashing spreads monotonic values). */
    public boolean prefixHashed() {
        return !key.isEmpty() && key.get(0).endsWith(":hashed");
    }

    public String keySpec() {
        return "{" + String.join(", ", key.stream().map(k -> k.replaceFirst(":(?=[^:]*$)", ": ")).toList()) + "}";
    }
}
