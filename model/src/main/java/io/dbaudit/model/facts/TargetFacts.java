package io.dbaudit.model.facts;

import io.dbaudit.model.Target;

import java.util.List;
import java.util.Set;

/**
 * Everything collected from one target. {@code collected} names the fact kinds the collector did read
 * (possibly finding zero rows): a kind neither collected nor reported in a {@link CollectionError} was
 * never attempted, and rules needing it come out ERROR (missing), not PASS.
 * {@code version} is the server version string for the report, null when unknown.
 */
public record TargetFacts(Target target, String version, List<Fact> facts, Set<String> collected) {
    public TargetFacts {
        facts = List.copyOf(facts);
        collected = Set.copyOf(collected);
    }

    public List<CollectionError> errors() {
        return facts.stream().filter(CollectionError.class::isInstance).map(CollectionError.class::cast).toList();
    }
}
