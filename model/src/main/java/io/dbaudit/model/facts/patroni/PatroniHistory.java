package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

/**
 * One line of the cluster's timeline history ({@code GET /history}): the timeline that ended, the LSN where
 * it ended, the reason, and when (ISO text, null for old entries).
 */
public record PatroniHistory(int timeline, long lsn, String reason, String timestamp) implements Fact {
}
