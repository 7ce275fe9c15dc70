package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.redis.RedisAclUser;
import io.dbaudit.model.facts.redis.RedisConfig;
import io.dbaudit.model.facts.redis.RedisRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URL parsing, ACL LIST parsing, CONFIG GET shaping and ROLE replies, without a server. */
class RedisUnitTest {
    @Test
    void urls() {
        Target t = Targets.parse("rediss://auditor@cache.example:6380/2");
        assertEquals(EngineKind.REDIS, t.engine());
        assertEquals("cache.example:6380", t.id());
        assertEquals("auditor", t.parameters().get("user"));
        assertEquals("true", t.parameters().get("tls"));
        assertEquals("2", t.parameters().get("db"));
        Target d = RedisTargets.parse("redis://localhost");
        assertEquals("localhost:6379", d.id());
        assertEquals("default", d.parameters().get("user"));
        assertEquals("false", d.parameters().get("tls"));
        assertEquals("[::1]:7000", RedisTargets.parse("redis://[::1]:7000").id());
    }

    @Test
    void passwordsInUrlsAreRefusedWithoutEcho() {
        for (String url : List.of("redis://user:S3cr3t-x@host:6379", "redis://:S3cr3t-x@host",
                "rediss://host:6379/0?password=S3cr3t-x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisTargets.parse(url));
            assertFalse(e.getMessage().contains("S3cr3t-x"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RedisTargets.parse("redis://host:99999"));
        assertThrows(IllegalArgumentException.class, () -> RedisTargets.parse("redis://host/x"));
    }

    @Test
    void defaultPasswordIsRedisCliAuth() {
        Target t = RedisTargets.parse("redis://h");
        assertEquals("pw", RedisCollector.resolve(new PasswordSource.Default(), t, Map.of("REDISCLI_AUTH", "pw"))
                .orElseThrow().reveal());
        assertTrue(RedisCollector.resolve(new PasswordSource.Default(), t, Map.of()).isEmpty());
        assertEquals("e", RedisCollector.resolve(new PasswordSource.FromEnv("X"), t, Map.of("X", "e"))
                .orElseThrow().reveal());
    }

    @Test
    void aclLines() {
        RedisAclUser d = AclRules.parse("user default on nopass sanitize-payload ~* &* +@all");
        assertTrue(d.enabled() && d.nopass() && d.allCommands());
        assertEquals(7, d.dangerousCommandsAllowed().size());
        RedisAclUser app = AclRules.parse("user app on #" + "a".repeat(64) + " #" + "b".repeat(64)
                + " ~app:* %R~ro:* resetchannels -@all +@read +@write -@dangerous +config|get");
        assertEquals(2, app.passwords());
        assertFalse(app.rules().contains("aaaa"), app.rules());
        assertEquals(List.of("~app:*", "%R~ro:*"), app.keyPatterns());
        assertEquals(List.of(), app.dangerousCommandsAllowed());
        assertFalse(app.allCommands());
        RedisAclUser mixed = AclRules.parse("user ops off -@all +@keyspace -flushall +shutdown");
        assertFalse(mixed.enabled());
        assertEquals(List.of("FLUSHDB", "KEYS", "SHUTDOWN"), mixed.dangerousCommandsAllowed());
        RedisAclUser sel = AclRules.parse("user s on nopass ~* resetchannels -@all +get (~x +@all)");
        assertEquals(List.of(), sel.dangerousCommandsAllowed());
        assertTrue(sel.rules().contains("(~x +@all)"));
    }

    @Test
    void configSecretsAndAliases() {
        List<RedisConfig> c = RedisCollector.configs(Map.of("requirepass", "hunter2", "masterauth", "",
                "slave-read-only", "yes", "replica-read-only", "yes", "hash-max-ziplist-entries", "512",
                "hash-max-listpack-entries", "512", "slaveof", "", "replicaof", "", "save", "3600 1"));
        assertEquals(List.of("hash-max-listpack-entries", "masterauth", "replica-read-only", "replicaof",
                "requirepass", "save"), c.stream().map(RedisConfig::name).toList());
        assertEquals("set", c.stream().filter(x -> x.name().equals("requirepass")).findFirst().orElseThrow().value());
        assertEquals("", c.stream().filter(x -> x.name().equals("masterauth")).findFirst().orElseThrow().value());
        assertEquals(100L * 1024 * 1024, new RedisConfig("maxmemory", "100mb").asLong());
        // A 6.2 server has no listpack names: its ziplist names stay.
        assertEquals(1, RedisCollector.configs(Map.of("hash-max-ziplist-entries", "512")).size());
    }

    @Test
    void roleReplies() {
        RedisRole m = RedisCollector.role(List.of("master", 3129659L, List.of(List.of("127.0.0.1", "9001", "3129242"))));
        assertTrue(m.primary());
        assertEquals(1, m.replicas());
        RedisRole r = RedisCollector.role(List.of("slave", "127.0.0.1", 9000L, "connected", 3167038L));
        assertTrue(r.replica());
        assertEquals(9000, r.masterPort());
        assertEquals("connected", r.linkState());
    }
}
