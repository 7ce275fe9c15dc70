package io.dbaudit.model.facts;

import io.dbaudit.model.facts.mongo.MongoFacts;
import io.dbaudit.model.facts.patroni.PatroniFacts;
import io.dbaudit.model.facts.pg.PgFacts;
import io.dbaudit.model.facts.redis.RedisFacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every fact kind by name: fixtures, snapshots and rule metadata ({@code requires}) refer to kinds by their
 * simple class name. Each engine lists its kinds in its own {@code *Facts} class.
 */
public final class FactTypes {
    private static final Map<String, Class<? extends Fact>> BY_NAME = new LinkedHashMap<>();

    static {
        List.of(CollectionError.class, ScanContext.class, RuleParam.class, TlsCertificate.class, TlsState.class,
                VersionLifecycle.class, BackupStatus.class, HostResources.class, PeerSetting.class,
                PeerIndexUsage.class, ParameterHistory.class, PreviousObservation.class).forEach(FactTypes::register);
        PgFacts.KINDS.forEach(FactTypes::register);
        RedisFacts.KINDS.forEach(FactTypes::register);
        MongoFacts.KINDS.forEach(FactTypes::register);
        PatroniFacts.KINDS.forEach(FactTypes::register);
    }

    private FactTypes() {
    }

    private static void register(Class<? extends Fact> type) {
        if (type.isRecord() && java.util.Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals("kind"))) {
            // A component named kind would shadow Fact.kind(), and the engine would never see the fact's kind.
            throw new IllegalStateException(type.getSimpleName() + " has a component named 'kind'");
        }
        Class<? extends Fact> previous = BY_NAME.put(type.getSimpleName(), type);
        if (previous != null && previous != type) {
            throw new IllegalStateException("two fact kinds named " + type.getSimpleName());
        }
    }

    public static Optional<Class<? extends Fact>> byName(String kind) {
        return Optional.ofNullable(BY_NAME.get(kind));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
