package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/**
 * Marks one collection whose $indexStats was read, so rules about index usage can tell "zero accesses"
 * from "usage not readable" (the latter is a CollectionError of this kind, the {@link MongoIndex} facts
 * then carry null {@code ops}).
 */
public record MongoIndexStats(String db, String collection, int indexes) implements Fact {
}
