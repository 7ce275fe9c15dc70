package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accumulates facts and per-kind outcomes for one target. A kind counts as collected only when every
 * attempt at it succeeded: a per-database kind that failed in one database is an error for the whole
 * kind, since a rule cannot pass on the databases it did not see.
 */
final class FactLedger {
    @FunctionalInterface
    interface Read<T> {
        List<T> read() throws SQLException;
    }

    private final Optional<Secret> password;
    private final List<Fact> facts = new ArrayList<>();
    private final Set<String> succeeded = new LinkedHashSet<>();
    private final Set<String> failed = new LinkedHashSet<>();

    FactLedger(Optional<Secret> password) {
        this.password = password;
    }

    /** Runs one read; its rows become facts, or its failure a CollectionError. Empty when it failed. */
    <T extends Fact> Optional<List<T>> gather(Class<T> kind, Read<T> read) {
        return gather(kind, null, read);
    }

    /** As {@link #gather(Class, Read)}, for one database; the error message names {@code database}. */
    <T extends Fact> Optional<List<T>> gather(Class<T> kind, String database, Read<T> read) {
        try {
            List<T> rows = read.read();
            facts.addAll(rows);
            succeeded.add(kind.getSimpleName());
            return Optional.of(rows);
        } catch (SQLException e) {
            String message = SqlFailures.message(e, password);
            fail(kind.getSimpleName(), SqlFailures.reason(e),
                    database == null ? message : "database " + database + ": " + message);
            return Optional.empty();
        }
    }

    void add(Fact fact) {
        facts.add(fact);
    }

    void addAll(List<? extends Fact> more) {
        facts.addAll(more);
    }

    void succeeded(String kind) {
        succeeded.add(kind);
    }

    void fail(String kind, ErrorReason reason, String message) {
        facts.add(new CollectionError(kind, reason, message));
        failed.add(kind);
    }

    TargetFacts toTargetFacts(Target target, String version) {
        Set<String> collected = new LinkedHashSet<>(succeeded);
        collected.removeAll(failed);
        return new TargetFacts(target, version, facts, collected);
    }
}
