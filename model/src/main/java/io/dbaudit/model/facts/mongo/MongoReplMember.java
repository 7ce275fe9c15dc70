package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;

/**
 * One replica set member: status fields from replSetGetStatus (state, stateStr, health, optimeDate, self)
 * joined by {@code _id} with its configuration (votes, priority, arbiterOnly, hidden, secondaryDelaySecs).
 * {@code optimeDate} is null when the member reported none (arbiters, unreachable members).
 */
public record MongoReplMember(int id, String host, int state, String stateStr, double health, Instant optimeDate,
                              int votes, double priority, boolean arbiterOnly, boolean hidden, long secondaryDelaySecs,
                              boolean self) implements Fact {

    public boolean primary() {
        return state == 1;
    }

    public boolean secondary() {
        return state == 2;
    }

    public boolean healthy() {
        return health >= 1.0 && (state == 1 || state == 2 || state == 7);
    }

    /** Can become primary: votes, priority above 0, not an arbiter, not hidden, not delayed. */
    public boolean electable() {
        return votes > 0 && priority > 0 && !arbiterOnly && !hidden && secondaryDelaySecs == 0;
    }

    /** Seconds this member's last applied operation is behind {@code other}'s, 0 when unknown. */
    public long secondsBehind(MongoReplMember other) {
        if (optimeDate == null || other.optimeDate == null) {
            return 0;
        }
        return other.optimeDate.getEpochSecond() - optimeDate.getEpochSecond();
    }
}
