package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

/**
 * The cluster as a whole: {@code scope} (the cluster name), whether it is paused (maintenance mode), and a
 * scheduled switchover as "at [from -> to]" text, null when none is scheduled.
 */
public record PatroniCluster(String scope, boolean paused, String scheduledSwitchover) implements Fact {
}
