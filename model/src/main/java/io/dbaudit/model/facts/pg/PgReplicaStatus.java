package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * What a standby reports about itself (only collected when pg_is_in_recovery()). {@code receiveReplayGapBytes}
 * is WAL received but not yet replayed; {@code lastReplayTimestamp} is pg_last_xact_replay_timestamp().
 */
public record PgReplicaStatus(String receiveLsn, String replayLsn, long receiveReplayGapBytes,
                              Instant lastReplayTimestamp, boolean replayPaused, String walReceiverStatus,
                              String senderHost, Integer senderPort) implements Fact {
}
