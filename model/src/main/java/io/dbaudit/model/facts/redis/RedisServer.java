package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

/**
 * The server as INFO server/replication describe it. {@code version} is redis_version as reported
 * ("7.0.15"); {@code major}/{@code minor} its first two numbers (0 when unparsable). {@code mode} is
 * redis_mode (standalone, cluster, sentinel); {@code role} master or slave, as Redis names them.
 */
public record RedisServer(String version, int major, int minor, String mode, String os, long uptimeSeconds,
                          String role) implements Fact {

    /** "7.0" for lifecycle look-ups and messages. */
    public String release() {
        return major + "." + minor;
    }

    /** major * 100 + minor (702 for 7.2): the key of lifecycle/redis.yaml rows, whose "major" is a release line. */
    public int releaseNumber() {
        return major * 100 + minor;
    }

    public boolean replica() {
        return "slave".equals(role) || "replica".equals(role);
    }

    public boolean primary() {
        return "master".equals(role);
    }
}
