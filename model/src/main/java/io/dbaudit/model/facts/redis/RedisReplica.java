package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

/**
 * One replica as its primary lists it under INFO replication ({@code slaveN:ip=..,port=..,state=..,
 * offset=..,lag=..}), with the primary's own master_repl_offset at the same moment, so the byte lag is
 * {@code primaryOffset - offset}.
 */
public record RedisReplica(String id, String ip, int port, String state, long offset, long lagSeconds,
                           long primaryOffset) implements Fact {
    public long lagBytes() {
        return Math.max(0, primaryOffset - offset);
    }

    public String address() {
        return (ip != null && ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
