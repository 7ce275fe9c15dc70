package io.dbaudit.engine.report;

import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.PreviousObservation;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.patroni.PatroniMember;
import io.dbaudit.model.facts.pg.PgCheckpoint;
import io.dbaudit.model.result.Observation;
import io.dbaudit.model.result.ScanReport;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one run records for the next (timelines), and what the next run gets back from it as
 * {@link PreviousObservation} facts when that report is its --baseline: "timeline changed since the last
 * scan" is then an ordinary rule.
 */
public final class Observations {
    public static final String PG_TIMELINE = "postgresql.timeline";
    public static final String PATRONI_TIMELINE = "patroni.timeline";

    private Observations() {
    }

    public static List<Observation> of(TargetFacts t) {
        List<Observation> out = new ArrayList<>();
        String id = t.target().id();
        t.facts().stream().filter(PgCheckpoint.class::isInstance).map(PgCheckpoint.class::cast).findFirst()
                .ifPresent(c -> out.add(new Observation(id, PG_TIMELINE, Integer.toString(c.timeline()))));
        OptionalInt leaderTimeline = t.facts().stream().filter(PatroniMember.class::isInstance)
                .map(PatroniMember.class::cast).filter(m -> m.timeline() != null).mapToInt(PatroniMember::timeline).max();
        leaderTimeline.ifPresent(tl -> out.add(new Observation(id, PATRONI_TIMELINE, Integer.toString(tl))));
        return out;
    }

    /** The baseline's observations of the same target, as facts for its session. */
    public static TargetFacts withPrevious(TargetFacts t, ScanReport baseline) {
        if (baseline == null) {
            return t;
        }
        List<Fact> previous = baseline.observations().stream()
                .filter(o -> o.target().equals(t.target().id()))
                .map(o -> (Fact) new PreviousObservation(o.key(), o.value(), baseline.startedAt()))
                .toList();
        if (previous.isEmpty()) {
            return t;
        }
        List<Fact> facts = new ArrayList<>(t.facts());
        facts.addAll(previous);
        return new TargetFacts(t.target(), t.version(), facts, t.collected());
    }
}
