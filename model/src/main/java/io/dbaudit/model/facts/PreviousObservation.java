package io.dbaudit.model.facts;

import java.time.Instant;

/** An {@code Observation} of this target from the baseline report, inserted when --baseline is given. */
public record PreviousObservation(String key, String value, Instant observedAt) implements Fact {
    public long asLong() {
        return Long.parseLong(value.trim());
    }
}
