package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Facts and per-kind outcomes for one target. A kind counts as collected only when no attempt at it
 * failed: a per-collection read that failed once is an error for the whole kind.
 */
final class MongoLedger {
    private final Optional<Secret> password;
    private final List<Fact> facts = new ArrayList<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> failed = new LinkedHashSet<>();

    MongoLedger(Optional<Secret> password) {
        this.password = password;
    }

    /** Runs one read; its facts are kept, or its failure becomes a CollectionError. Empty when it failed. */
    <T extends Fact> Optional<List<T>> gather(Class<T> kind, Supplier<List<T>> read) {
        try {
            List<T> rows = read.get();
            facts.addAll(rows);
            succeeded.add(kind.getSimpleName());
            return Optional.of(rows);
        } catch (RuntimeException e) {
            fail(kind, e);
            return Optional.empty();
        }
    }

    void fail(Class<? extends Fact> kind, RuntimeException e) {
        fail(kind, MongoFailures.reason(e), MongoFailures.message(e, password));
    }

    void fail(Class<? extends Fact> kind, ErrorReason reason, String message) {
        if (failed.add(kind.getSimpleName())) {
            facts.add(new CollectionError(kind.getSimpleName(), reason, message));
        }
    }

    void add(Fact fact) {
        facts.add(fact);
    }

    void succeeded(Class<? extends Fact> kind) {
        succeeded.add(kind.getSimpleName());
    }

    TargetFacts toTargetFacts(Target target, String version) {
        Set<String> collected = new LinkedHashSet<>(succeeded);
        collected.removeAll(failed);
        return new TargetFacts(target, version, facts, collected);
    }
}
