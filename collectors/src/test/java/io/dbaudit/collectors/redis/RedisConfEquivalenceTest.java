package io.dbaudit.collectors.redis;

import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.redis.RedisAclUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser against the real thing: a redis-server (own temp dir, free loopback port, --daemonize no) is started
 * on the same file, and every RedisConfig the parser emits must equal CONFIG GET's value for that name (except
 * the few the test overrides on the command line); the users must equal ACL LIST read through AclRules.
 * Without redis-server this fails, naming the Debian package: it never skips.
 */
class RedisConfEquivalenceTest {
    /** Overridden on the command line so the test server is private; "rename-command" is static-only. */
    private static final Set<String> NOT_COMPARED = Set.of("port", "dir", "daemonize", "pidfile", "logfile",
            "rename-command");

    @TempDir
    Path dir;

    @Test
    void stockDebianConfigMatchesConfigGet() throws Exception {
        compare("redis.conf", null);
    }

    @Test
    void awkwardConfigMatchesConfigGetAndAclList() throws Exception {
        Files.copy(RedisConfParserTest.resource("equivalence-extra.conf"), dir.resolve("equivalence-extra.conf"));
        Map<String, String> compared = compare("equivalence.conf", RedisConfParserTest.SECRET);
        // the ones the brief names, so a silent drop from the comparison would show
        for (String name : List.of("bind", "protected-mode", "maxmemory", "maxmemory-policy", "save", "appendonly",
                "timeout", "tcp-keepalive", "replica-read-only", "hash-max-listpack-value", "repl-backlog-size",
                "client-output-buffer-limit", "dbfilename", "tls-port", "aclfile", "requirepass", "masterauth",
                "slave-read-only", "hash-max-ziplist-entries", "enable-debug-command")) {
            assertTrue(compared.containsKey(name), name + " was not compared");
        }
        assertEquals("1073741824", compared.get("maxmemory"));
        assertEquals("900 1 300 10 60 10000 3600 1", compared.get("save"));
        assertEquals("120", compared.get("tcp-keepalive"));
        assertEquals("dump \"q\"A.rdb", compared.get("dbfilename"));
    }

    /** Returns the name → value pairs that were compared. */
    private Map<String, String> compare(String resource, String password) throws Exception {
        Path conf = dir.resolve(resource);
        Files.copy(RedisConfParserTest.resource(resource), conf);
        TargetFacts facts = RedisConfParser.parse(conf);
        Map<String, String> parsed = RedisConfParserTest.config(facts);
        Map<String, RedisAclUser> parsedUsers = RedisConfParserTest.users(facts);
        if (password != null) {
            assertFalse(facts.toString().contains(password));
        }

        Path data = Files.createDirectories(dir.resolve("data"));
        int port = RedisServerProcess.freePort();
        List<String> cmd = new ArrayList<>(List.of(RedisServerProcess.binary(), conf.toString(), "--port",
                Integer.toString(port), "--dir", data.toString(), "--daemonize", "no", "--logfile", "",
                "--pidfile", ""));
        Path log = dir.resolve("redis.log");
        // Redis resolves a relative include against its working directory: run it where the parser looks.
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            awaitListening(process, port, log);
            DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder().timeoutMillis(5000);
            if (password != null) {
                cfg.password(password);
            }
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), cfg.build())) {
                Map<String, String> live = RedisCollector.configs(jedis.configGet("*")).stream()
                        .collect(TreeMap::new, (m, c) -> m.put(c.name(), c.value()), Map::putAll);
                Map<String, String> compared = new TreeMap<>();
                List<String> mismatches = new ArrayList<>();
                for (Map.Entry<String, String> e : new TreeMap<>(parsed).entrySet()) {
                    if (NOT_COMPARED.contains(e.getKey())) {
                        continue;
                    }
                    String liveValue = live.get(e.getKey());
                    if (liveValue == null) {
                        // a live scan drops an alias whose current name is present: read the alias itself
                        Map<String, String> one = jedis.configGet(e.getKey());
                        liveValue = one.get(e.getKey());
                        if (liveValue != null && RedisCollector.SECRET_CONFIGS.contains(e.getKey())) {
                            liveValue = liveValue.isEmpty() ? "" : "set";
                        }
                    }
                    if (liveValue == null) {
                        mismatches.add(e.getKey() + ": parsed " + e.getValue() + ", unknown to CONFIG GET");
                    } else if (!liveValue.equals(e.getValue())) {
                        mismatches.add(e.getKey() + ": parsed '" + e.getValue() + "', CONFIG GET '" + liveValue + "'");
                    }
                    compared.put(e.getKey(), e.getValue());
                }
                assertEquals(List.of(), mismatches, resource);
                assertTrue(compared.size() >= 60, "compared only " + compared.size());

                Map<String, RedisAclUser> liveUsers = new TreeMap<>();
                for (String line : jedis.aclList()) {
                    RedisAclUser u = AclRules.parse(line);
                    liveUsers.put(u.name(), u);
                }
                assertEquals(liveUsers.keySet(), parsedUsers.keySet());
                liveUsers.forEach((name, u) -> {
                    RedisAclUser p = parsedUsers.get(name);
                    assertEquals(List.of(u.enabled(), u.nopass(), u.passwords(), u.keyPatterns(), u.allCommands(),
                                    u.dangerousCommandsAllowed()),
                            List.of(p.enabled(), p.nopass(), p.passwords(), p.keyPatterns(), p.allCommands(),
                                    p.dangerousCommandsAllowed()), "user " + name + ": live " + u + " / parsed " + p);
                });
                return compared;
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitListening(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + ":\n" + Files.readString(log));
    }
}
