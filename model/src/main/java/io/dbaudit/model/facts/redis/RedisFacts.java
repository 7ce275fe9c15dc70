package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** Every Redis fact kind; {@link io.dbaudit.model.facts.FactTypes} registers them by simple name. */
public final class RedisFacts {
    public static final List<Class<? extends Fact>> KINDS = List.of(
            RedisServer.class, RedisConfig.class, RedisInfo.class, RedisAclUser.class, RedisRole.class,
            RedisReplica.class, RedisLastSave.class);

    private RedisFacts() {
    }
}
