package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** Every Mongo fact kind; {@link io.dbaudit.model.facts.FactTypes} registers them by simple name. */
public final class MongoFacts {
    public static final List<Class<? extends Fact>> KINDS = List.of();

    private MongoFacts() {
    }
}
