package io.dbaudit.collectors.patroni;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Facts and per-kind outcomes for one Patroni target; a kind that failed once is not collected. */
final class Ledger {
    private final List<Fact> facts = new ArrayList<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> failed = new LinkedHashSet<>();

    void add(Fact fact) {
        facts.add(fact);
    }

    void addAll(Collection<? extends Fact> more) {
        facts.addAll(more);
    }

    void succeeded(Class<?>... kinds) {
        for (Class<?> k : kinds) {
            succeeded.add(k.getSimpleName());
        }
    }

    void fail(Class<?> kind, ErrorReason reason, String message) {
        facts.add(new CollectionError(kind.getSimpleName(), reason, message));
        failed.add(kind.getSimpleName());
    }

    TargetFacts toTargetFacts(Target target, String version) {
        Set<String> collected = new LinkedHashSet<>(succeeded);
        collected.removeAll(failed);
        return new TargetFacts(target, version, facts, collected);
    }
}
