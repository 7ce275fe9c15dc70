package io.dbaudit.model.facts;

import java.time.Instant;

/** The scan clock as a fact, so that rules comparing dates are deterministic in tests. */
public record ScanContext(Instant now, String targetId) implements Fact {
    public long epochSecond() {
        return now.getEpochSecond();
    }
}
