package io.dbaudit.collectors;

import java.time.Duration;

/** Bounds for every collector session: nothing the scanner does may wait longer than these. */
public record CollectOptions(Duration connectTimeout, Duration statementTimeout, Duration lockTimeout) {
    public static CollectOptions defaults() {
        return new CollectOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }
}
