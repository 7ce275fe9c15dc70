package io.dbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet of 12 live targets from one inventory, scanned in parallel: 7 PostgreSQL databases on two
 * servers, 3 Redis servers, one dead port and one wrong password. The dead and refused targets are
 * reported with their reasons, the rest complete, and the exit code follows --fail-on / --fail-on-incomplete.
 */
class FleetIT {
    static final String PW = "Fleet-s3cret-pw";
    @TempDir
    static Path tmp;
    static DemoServer weak;
    static HardenedServer hardened;
    static final List<RedisProcess> redis = new ArrayList<>();
    static Path inventory;

    @BeforeAll
    static void start() throws Exception {
        weak = DemoServer.start(Files.createDirectories(tmp.resolve("weak")));
        hardened = HardenedServer.start(Files.createDirectories(tmp.resolve("hard")), PW, "unused-" + PW);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + weak.port() + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            for (String db : List.of("orders", "billing", "audit")) {
                s.execute("CREATE DATABASE " + db);
            }
        }
        for (int i = 0; i < 3; i++) {
            redis.add(RedisProcess.start(tmp.resolve("redis" + i)));
        }
        StringBuilder inv = new StringBuilder("targets:\n");
        for (String db : List.of("postgres", "shop", "orders", "billing", "audit")) {
            inv.append(entry("weak-" + db, "postgresql://postgres@localhost:" + weak.port() + "/" + db + "?sslmode=disable",
                    "[weak, pg]", null));
        }
        for (String db : List.of("postgres", "template1")) {
            inv.append(entry("hard-" + db, "postgresql://postgres@localhost:" + hardened.port() + "/" + db + "?sslmode=require",
                    "[hardened, pg]", "{env: FLEET_PG_PW}"));
        }
        for (int i = 0; i < redis.size(); i++) {
            inv.append(entry("redis-" + i, "redis://127.0.0.1:" + redis.get(i).port, "[cache]", null));
        }
        inv.append(entry("dead", "postgresql://postgres@127.0.0.1:1/postgres?sslmode=disable", "[pg]", null));
        inv.append(entry("wrong-password", "postgresql://postgres@localhost:" + hardened.port() + "/postgres?sslmode=require",
                "[pg]", "{env: FLEET_WRONG_PW}"));
        inventory = Files.writeString(tmp.resolve("fleet.yaml"), inv.toString());
    }

    private static String entry(String id, String url, String tags, String password) {
        return "  - id: " + id + "\n    url: \"" + url + "\"\n    tags: " + tags + "\n"
                + (password == null ? "" : "    password: " + password + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        for (RedisProcess r : redis) {
            r.close();
        }
        if (weak != null) {
            weak.close();
        }
        if (hardened != null) {
            hardened.close();
        }
    }

    private static Map<String, String> targetStatuses(Path out) throws Exception {
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        Map<String, String> m = new HashMap<>();
        json.get("targets").forEach(t -> m.put(t.get("id").asText(), t.get("status").asText()));
        return m;
    }

    @Test
    void theWholeFleetScansInParallelAndDeadTargetsAreReportedNotHidden() throws Exception {
        Path out = tmp.resolve("fleet");
        Map<String, String> env = Map.of("FLEET_PG_PW", PW, "FLEET_WRONG_PW", "wrong-" + PW);
        JarRun run = JarRun.run(env, "scan", "--inventory", inventory.toString(), "--parallel", "4",
                "--connect-timeout", "5", "--output", out.toString());
        assertEquals(5, run.exitCode(), "unreachable and refused targets make the run incomplete\n" + run.all());
        Map<String, String> s = targetStatuses(out);
        assertEquals(12, s.size(), s.toString());
        assertEquals("UNREACHABLE", s.get("dead"));
        assertEquals("AUTH_FAILED", s.get("wrong-password"));
        s.forEach((id, status) -> {
            if (!id.equals("dead") && !id.equals("wrong-password")) {
                assertTrue(status.equals("COMPLETE") || status.equals("PARTIAL"), id + " " + status);
            }
        });
        JsonNode results = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("results");
        Map<String, String> redisNoPassword = new HashMap<>();
        results.forEach(r -> {
            if (r.get("ruleId").asText().equals("REDIS-SEC-001")) {
                redisNoPassword.put(r.get("target").asText(), r.get("status").asText());
            }
        });
        assertEquals(Map.of("redis-0", "FAIL", "redis-1", "FAIL", "redis-2", "FAIL"), redisNoPassword,
                "the Redis servers run without a password: the same rules judge live Redis facts");
        assertFalse(run.all().contains(PW), "no password in the output");
        assertFalse(Files.readString(out.resolve("report.json")).contains(PW));

        JarRun gated = JarRun.run(env, "scan", "--inventory", inventory.toString(), "--fail-on", "critical",
                "--output", tmp.resolve("gated").toString());
        assertEquals(4, gated.exitCode(), "a CRITICAL finding (trust on TCP) wins over incompleteness\n" + gated.all());
    }

    @Test
    void tagsSelectPartOfTheFleet() throws Exception {
        Path out = tmp.resolve("cache");
        JarRun run = JarRun.run(Map.of(), "scan", "--inventory", inventory.toString(), "--tags", "cache",
                "--output", out.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(3, targetStatuses(out).size());
    }
}
