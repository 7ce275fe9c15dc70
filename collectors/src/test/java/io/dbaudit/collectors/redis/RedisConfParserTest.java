package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.config.ConfigParseException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.redis.RedisAclUser;
import io.dbaudit.model.facts.redis.RedisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisConfParserTest {
    static final String SECRET = "planted-Secret-42";

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(RedisConfParserTest.class.getResource("/config/redis/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> config(TargetFacts facts) {
        return facts.facts().stream().filter(RedisConfig.class::isInstance).map(RedisConfig.class::cast)
                .collect(Collectors.toMap(RedisConfig::name, RedisConfig::value));
    }

    static Map<String, RedisAclUser> users(TargetFacts facts) {
        return facts.facts().stream().filter(RedisAclUser.class::isInstance).map(RedisAclUser.class::cast)
                .collect(Collectors.toMap(RedisAclUser::name, u -> u));
    }

    private TargetFacts parse(String text) throws Exception {
        Path f = dir.resolve("redis.conf");
        Files.writeString(f, text);
        return RedisConfParser.parse(f);
    }

    private ConfigParseException refused(String text) {
        Path f = dir.resolve("redis.conf");
        try {
            Files.writeString(f, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return assertThrows(ConfigParseException.class, () -> RedisConfParser.parse(f));
    }

    @Test
    void debianStockConfig() throws Exception {
        Path file = resource("redis.conf");
        TargetFacts facts = RedisConfParser.parse(file);
        assertEquals("file:" + file.toAbsolutePath().normalize(), facts.target().id());
        assertEquals(EngineKind.REDIS, facts.target().engine());
        assertTrue(facts.target().fromConfigFiles());
        assertEquals(Set.of("RedisConfig", "RedisAclUser"), facts.collected());
        assertTrue(facts.errors().isEmpty());
        Map<String, String> c = config(facts);
        assertEquals("127.0.0.1 -::1", c.get("bind"));
        assertEquals("yes", c.get("protected-mode"));
        assertEquals("6379", c.get("port"));
        assertEquals("0", c.get("tls-port"), "unset: Redis's default, so REDIS-SEC-006 still sees it");
        assertEquals("3600 1 300 100 60 10000", c.get("save"), "no save line: the default");
        assertEquals("0", c.get("maxmemory"));
        assertEquals("noeviction", c.get("maxmemory-policy"));
        assertEquals("", c.get("requirepass"));
        assertEquals("", c.get("aclfile"));
        assertEquals("67108864", c.get("auto-aof-rewrite-min-size"));
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                c.get("client-output-buffer-limit"));
        assertEquals("0 200 800", c.get("oom-score-adj-values"));
        assertEquals("{title} {listen-addr} {server-mode}", c.get("proc-title-template"));
        assertEquals("yes", c.get("daemonize"));
        RedisAclUser def = users(facts).get("default");
        assertTrue(def.enabled() && def.nopass() && def.allCommands());
        assertEquals("on nopass ~* &* +@all", def.rules());
        assertEquals(1, users(facts).size());
    }

    @Test
    void quotingAsSdssplitargs() throws Exception {
        assertEquals(List.of("a", "b c", "d\n\t\u0001\"\\", "it's", "xy z"),
                RedisConfArgs.split("a \"b c\" \"d\\n\\t\\x01\\\"\\\\\" 'it\\'s' x\"y z\""));
        assertEquals(List.of("", "x"), RedisConfArgs.split("\"\" x"));
        assertEquals(null, RedisConfArgs.split("a \"b"));
        assertEquals(null, RedisConfArgs.split("a 'b"));
        assertEquals(null, RedisConfArgs.split("a \"b\"c"), "a closing quote must be followed by a space");
        Map<String, String> c = config(parse("dbfilename \"my dump.rdb\"\nlogfile '/var/log/r.log'\n"
                + "  \tPORT 7000\r\n"));
        assertEquals("my dump.rdb", c.get("dbfilename"));
        assertEquals("/var/log/r.log", c.get("logfile"));
        assertEquals("7000", c.get("port"));
        ConfigParseException e = refused("port 6379\nbind \"127.0.0.1\n");
        assertTrue(e.getMessage().endsWith("redis.conf:2: unbalanced quotes in configuration line"), e.getMessage());
    }

    @Test
    void repeatedDirectives() throws Exception {
        Map<String, String> c = config(parse("""
                save 3600 1
                save 300 100
                bind 0.0.0.0
                bind 127.0.0.1 ::1
                port 7000
                port 7001
                """));
        assertEquals("3600 1 300 100", c.get("save"));
        assertEquals("127.0.0.1 ::1", c.get("bind"), "a later bind replaces the earlier one");
        assertEquals("7001", c.get("port"));
        assertEquals("", config(parse("save 3600 1\nsave \"\"\n")).get("save"));
        assertEquals("60 5", config(parse("save \"\"\nsave 60 5\n")).get("save"));
        assertEquals("", config(parse("save ''\n")).get("save"));
    }

    @Test
    void valuesInConfigGetForm() throws Exception {
        Map<String, String> c = config(parse("""
                maxmemory 1gb
                repl-backlog-size 1k
                hash-max-listpack-value 2KB
                maxmemory-policy ALLKEYS-LRU
                appendonly YES
                client-output-buffer-limit replica 1gb 512mb 30 pubsub 0 0 0
                replicaof 10.0.0.1 6380
                some-future-directive Yes
                """));
        assertEquals("1073741824", c.get("maxmemory"));
        assertEquals("1000", c.get("repl-backlog-size"));
        assertEquals("2048", c.get("hash-max-listpack-value"));
        assertEquals("allkeys-lru", c.get("maxmemory-policy"));
        assertEquals("yes", c.get("appendonly"));
        assertEquals("normal 0 0 0 slave 1073741824 536870912 30 pubsub 0 0 0", c.get("client-output-buffer-limit"));
        assertEquals("10.0.0.1 6380", c.get("replicaof"));
        assertEquals("yes", c.get("some-future-directive"));
        assertEquals("", config(parse("replicaof no one\n")).get("replicaof"));
    }

    @Test
    void deprecatedAliasesKeepTheirNameForTun006() throws Exception {
        Map<String, String> c = config(parse("""
                slaveof 10.0.0.1 6379
                slave-read-only no
                hash-max-ziplist-entries 256
                min-slaves-to-write 1
                """));
        assertEquals("10.0.0.1 6379", c.get("slaveof"));
        assertEquals("10.0.0.1 6379", c.get("replicaof"));
        assertEquals("no", c.get("slave-read-only"));
        assertEquals("no", c.get("replica-read-only"), "REDIS-HA-004 reads the current name");
        assertEquals("256", c.get("hash-max-ziplist-entries"));
        assertEquals("256", c.get("hash-max-listpack-entries"));
        assertEquals("1", c.get("min-replicas-to-write"));
        assertEquals("1", c.get("min-slaves-to-write"));
        assertFalse(config(parse("replica-read-only no\n")).containsKey("slave-read-only"),
                "no alias fact unless the alias was written");
    }

    @Test
    void secretsAreSetNeverTheValue() throws Exception {
        TargetFacts facts = parse("""
                requirepass "%s"
                masterauth %s
                tls-key-file-pass %s
                user alice on >%s ~* +@all
                """.formatted(SECRET, SECRET, SECRET, SECRET));
        Map<String, String> c = config(facts);
        assertEquals("set", c.get("requirepass"));
        assertEquals("set", c.get("masterauth"));
        assertEquals("set", c.get("tls-key-file-pass"));
        assertEquals("", c.get("tls-client-key-file-pass"));
        assertEquals(1, users(facts).get("alice").passwords());
        RedisAclUser def = users(facts).get("default");
        assertFalse(def.nopass(), "requirepass gives the implicit default user a password");
        assertEquals(1, def.passwords());
        assertFalse(facts.toString().contains(SECRET), facts.toString());
        assertFalse(facts.toString().contains("planted"));

        for (String bad : List.of("requirepass %s extra\n", "masterauth\n", "user alice on %s\n",
                "user alice on <%s\n", "user bob on >x #%s\n", "requirepass \"%s\n")) {
            ConfigParseException e = refused(bad.formatted(SECRET));
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertTrue(e.getMessage().matches(".*redis\\.conf:1: .+"), e.getMessage());
        }
    }

    @Test
    void renameCommand() throws Exception {
        TargetFacts facts = parse("rename-command CONFIG \"\"\nrename-command FLUSHALL b840fc02d524045429941cc15f59e41cb7be6c52\n");
        assertEquals("config=disabled flushall=renamed", config(facts).get("rename-command"));
        assertFalse(facts.toString().contains("b840fc02"));
        assertTrue(refused("rename-command CONFIG\n").getMessage().contains(":1: rename-command: wrong number"));
    }

    @Test
    void userLines() throws Exception {
        String hash = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
        Map<String, RedisAclUser> u = users(parse("""
                user alice on >p1 >p2 <p1 ~app:* &* +@all -flushall
                user bob on nopass ~* +@read
                user carol on #%s allkeys +@all -@dangerous
                user dave on >p reset
                user default on >x ~* +@all -config
                """.formatted(hash)));
        assertEquals(Set.of("alice", "bob", "carol", "dave", "default"), u.keySet());
        assertEquals(1, u.get("alice").passwords());
        assertEquals(List.of("~app:*"), u.get("alice").keyPatterns());
        assertFalse(u.get("alice").allCommands());
        assertFalse(u.get("alice").dangerousCommandsAllowed().contains("FLUSHALL"));
        assertTrue(u.get("alice").dangerousCommandsAllowed().contains("CONFIG"));
        assertTrue(u.get("bob").nopass());
        assertTrue(u.get("bob").dangerousCommandsAllowed().contains("KEYS"), "KEYS is @read");
        assertEquals(1, u.get("carol").passwords());
        assertEquals(List.of(), u.get("carol").dangerousCommandsAllowed());
        assertFalse(u.get("dave").enabled(), "reset turns the user off");
        assertEquals(0, u.get("dave").passwords());
        assertFalse(u.get("default").nopass());
        assertFalse(u.get("default").dangerousCommandsAllowed().contains("CONFIG"));

        assertTrue(refused("user alice on >a\nuser alice off\n").getMessage().contains(":2: duplicate user 'alice'"));
        assertTrue(refused("user alice on #abc\n").getMessage().contains(":1: user alice: rule 2: a password hash"));
        assertTrue(refused("user alice on >a <b\n").getMessage().contains("removes a password"));
    }

    @Test
    void aclfile() throws Exception {
        Files.copy(resource("users.acl"), dir.resolve("users.acl"));
        TargetFacts facts = parse("aclfile users.acl\nrequirepass x\n");
        Map<String, RedisAclUser> u = users(facts);
        assertEquals(Set.of("default", "ops"), u.keySet());
        assertEquals(1, u.get("default").passwords());
        assertEquals(List.of(), u.get("default").dangerousCommandsAllowed());
        assertFalse(facts.toString().contains(SECRET));

        ConfigParseException both = refused("aclfile users.acl\nuser bob on nopass\n");
        assertTrue(both.getMessage().contains("redis.conf:2: user lines and aclfile"), both.getMessage());

        TargetFacts missing = parse("aclfile /nonexistent/users.acl\n");
        assertFalse(missing.collected().contains("RedisAclUser"));
        assertEquals("RedisAclUser", ((CollectionError) missing.errors().get(0)).factKind());
    }

    @Test
    void includes() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/local.conf"), "maxmemory 100mb\nsave 60 1\n");
        Path abs = dir.resolve("abs.conf");
        Files.writeString(abs, "timeout 30\n");
        Map<String, String> c = config(parse("save 3600 1\ninclude conf.d/local.conf\ninclude " + abs + "\nport 7000\n"));
        assertEquals("104857600", c.get("maxmemory"));
        assertEquals("3600 1 60 1", c.get("save"));
        assertEquals("30", c.get("timeout"));

        ConfigParseException missing = refused("port 1\ninclude conf.d/missing.conf\n");
        assertTrue(missing.getMessage().matches(".*redis\\.conf:2: include .*missing\\.conf: no such file"),
                missing.getMessage());
        assertEquals(2, missing.line());

        Files.writeString(dir.resolve("conf.d/a.conf"), "port 1\ninclude b.conf\n");
        Files.writeString(dir.resolve("conf.d/b.conf"), "\n\ninclude a.conf\n");
        ConfigParseException cycle = refused("include conf.d/a.conf\n");
        assertTrue(cycle.getMessage().matches(".*b\\.conf:3: include cycle: .*redis\\.conf -> .*a\\.conf -> .*b\\.conf"
                + " -> .*a\\.conf"), cycle.getMessage());

        Files.writeString(dir.resolve("conf.d/bad.conf"), "port x\n");
        ConfigParseException inner = refused("include conf.d/bad.conf\n");
        assertTrue(inner.getMessage().contains("bad.conf:1: port: argument couldn't be parsed"), inner.getMessage());
    }

    @Test
    void malformedLinesNameFileAndLine() {
        Map<String, String> cases = Map.of(
                "port 6379 # comment\n", ":1: port: wrong number of arguments (3 given, 1 expected; redis.conf has no comments after a value)",
                "\n\nprotected-mode maybe\n", ":3: protected-mode: argument must be 'yes' or 'no'",
                "maxmemory lots\n", ":1: maxmemory: argument must be a memory value",
                "maxmemory-policy lru\n", ":1: maxmemory-policy: argument must be one of",
                "save 60\n", ":1: save: invalid save parameters",
                "save 0 1\n", ":1: save: invalid save parameters",
                "timeout 0100\n", ":1: timeout: argument couldn't be parsed into an integer",
                "replicaof host port\n", ":1: replicaof: invalid master port",
                "client-output-buffer-limit web 0 0 0\n", ":1: client-output-buffer-limit: invalid client class",
                "sentinel monitor m 127.0.0.1 6379 2\n", ":1: sentinel directive");
        cases.forEach((text, expected) -> {
            ConfigParseException e = refused(text);
            assertTrue(e.getMessage().contains("redis.conf" + expected), e.getMessage() + " / " + expected);
            assertFalse(e.getMessage().contains("\n"));
        });
        ConfigParseException none = assertThrows(ConfigParseException.class,
                () -> RedisConfParser.parse(dir.resolve("absent.conf")));
        assertEquals(dir.resolve("absent.conf") + ": no such file", none.getMessage());
    }
}
