package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

/**
 * The answer to ROLE. {@code role} is master, slave or sentinel; {@code offset} the replication offset the
 * server reports (its own for a master, the processed one for a replica). For a replica, {@code masterHost},
 * {@code masterPort} and {@code linkState} (connect, connecting, sync, connected) describe its primary;
 * for a master, {@code replicas} counts the replicas listed.
 */
public record RedisRole(String role, long offset, String masterHost, int masterPort, String linkState,
                        int replicas) implements Fact {
    public boolean replica() {
        return "slave".equals(role);
    }

    public boolean primary() {
        return "master".equals(role);
    }
}
