package io.dbaudit.model.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** One row of a product's dated support table, shipped with the rules (not collected). */
public record VersionLifecycle(String product, int major, LocalDate released, LocalDate endOfLife,
                               String latestMinor) implements Fact {

    public boolean endedBefore(Instant now) {
        return endOfLife != null && endOfLife.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(now);
    }
}
