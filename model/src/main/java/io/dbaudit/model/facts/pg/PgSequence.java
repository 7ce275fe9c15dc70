package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/** A sequence from pg_sequences, per database; {@code lastValue} null when never used. */
public record PgSequence(String database, String schema, String name, String dataType, Long lastValue,
                         long minValue, long maxValue, long increment, boolean cycle) implements Fact {
}
