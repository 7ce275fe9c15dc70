package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** Every Mongo fact kind; {@link io.dbaudit.model.facts.FactTypes} registers them by simple name. */
public final class MongoFacts {
    public static final List<Class<? extends Fact>> KINDS = List.of(
            MongoServer.class, MongoOption.class, MongoParameter.class, MongoUser.class, MongoRole.class,
            MongoReplSet.class, MongoReplMember.class, MongoOplog.class, MongoIndex.class, MongoIndexStats.class,
            MongoShardedCollection.class, MongoBalancer.class, MongoConnections.class, MongoCache.class);

    private MongoFacts() {
    }
}
