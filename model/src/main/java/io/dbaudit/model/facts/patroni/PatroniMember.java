package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

import java.util.Map;

/**
 * One member as listed by the REST API's {@code GET /cluster}. {@code role} is leader, standby_leader,
 * sync_standby or replica; {@code state} is Patroni's view of PostgreSQL (running, streaming, starting,
 * stopped, crashed, "start failed", ...). {@code lagBytes} is the replay/receive distance to the leader's last
 * reported WAL position as Patroni computes it; null for the leader and when Patroni says "unknown".
 * {@code tags} holds every tag as text; the four well-known ones are also broken out.
 * {@code scheduledRestart} is the scheduled time (ISO text) or null; {@code version} the Patroni version this
 * member's own {@code GET /patroni} reported, null when that member could not be asked.
 */
public record PatroniMember(String name, String role, String state, String host, Integer port, String apiUrl,
                            Integer timeline, Long lagBytes, Map<String, String> tags, boolean nofailover,
                            boolean noloadbalance, boolean nosync, boolean clonefrom, boolean pendingRestart,
                            String scheduledRestart, String version) implements Fact {
    public PatroniMember {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The member holding the leader key (a standby cluster's leader counts). */
    public boolean leader() {
        return "leader".equals(role) || "standby_leader".equals(role) || "master".equals(role)
                || "primary".equals(role);
    }

    /** PostgreSQL is up under Patroni ("streaming" is how Patroni 3.1+ shows a healthy replica). */
    public boolean running() {
        return "running".equals(state) || "streaming".equals(state);
    }

    /** Not the leader, and not excluded from leader races by the nofailover tag. */
    public boolean failoverCandidate() {
        return !leader() && !nofailover;
    }

    /** Lag known and at most {@code limit} bytes. */
    public boolean lagWithin(long limit) {
        return lagBytes != null && lagBytes <= limit;
    }
}
