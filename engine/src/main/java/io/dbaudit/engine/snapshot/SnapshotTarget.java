package io.dbaudit.engine.snapshot;

import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.TargetInfo;

import java.util.List;
import java.util.Set;

/** One target of a snapshot: how its collection went, and its facts when it was reached. */
public record SnapshotTarget(TargetInfo info, io.dbaudit.model.Target target, Set<String> collected, List<Fact> facts) {
    public SnapshotTarget {
        collected = collected == null ? Set.of() : Set.copyOf(collected);
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public TargetFacts toTargetFacts() {
        return new TargetFacts(target, info.version(), facts, collected);
    }
}
