package io.dbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `scan --config`: configuration files judged before deployment, findings pointing at file:line. */
class ConfigScanIT {
    static final Path WEAK = Path.of("src", "test", "resources", "config", "weak").toAbsolutePath();
    @TempDir
    Path tmp;

    private static Map<String, JsonNode> results(Path out, String target) throws Exception {
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        Map<String, JsonNode> m = new HashMap<>();
        json.get("results").forEach(r -> {
            if (r.get("target").asText().equals(target)) {
                m.put(r.get("ruleId").asText(), r);
            }
        });
        return m;
    }

    @Test
    void aWeakConfigurationFailsTheGateWithFindingsOnFileAndLine() throws Exception {
        Path out = tmp.resolve("out");
        JarRun run = JarRun.run(Map.of(), "scan", "--config", WEAK.resolve("postgresql.conf").toString(),
                "--config", WEAK.resolve("pg_hba.conf").toString(), "--pg-version", "17", "--fail-on", "high",
                "--format", "json,sarif", "--output", out.toString());
        assertEquals(4, run.exitCode(), run.all());
        Map<String, JsonNode> r = results(out, "file:" + WEAK);
        assertEquals(WEAK.resolve("postgresql.conf") + ":2", r.get("PG-SEC-023").get("findings").get(0).get("location").asText());
        assertEquals(WEAK.resolve("postgresql.conf") + ":9", r.get("PG-TUN-035").get("findings").get(0).get("location").asText());
        assertEquals(WEAK.resolve("pg_hba.conf") + ":2", r.get("PG-SEC-015").get("findings").get(0).get("location").asText());
        assertEquals("FAIL", r.get("PG-SEC-007").get("status").asText());
        assertEquals("FAIL", r.get("PG-SEC-011").get("status").asText());
        assertEquals("SKIPPED", r.get("PG-SEC-001").get("status").asText(), "roles need a live server");
        assertEquals("static", r.get("PG-SEC-001").get("reason").asText());
        assertEquals("SKIPPED", r.get("PG-SEC-030").get("status").asText(), "checksums are not in any file");
        JsonNode sarif = new ObjectMapper().readTree(out.resolve("report.sarif").toFile());
        boolean lineEight = false;
        for (JsonNode res : sarif.get("runs").get(0).get("results")) {
            JsonNode loc = res.path("locations").path(0).path("physicalLocation");
            if (res.get("ruleId").asText().equals("PG-TUN-035")) {
                lineEight = loc.path("region").path("startLine").asInt() == 9
                        && loc.path("artifactLocation").path("uri").asText().endsWith("postgresql.conf");
            }
        }
        assertTrue(lineEight, "SARIF points at postgresql.conf line 9");
    }

    @Test
    void patroniYamlIsJudgedAndItsPasswordsAreNeverPrinted() throws Exception {
        Path out = tmp.resolve("patroni");
        JarRun run = JarRun.run(Map.of(), "scan", "--config", WEAK.resolve("patroni.yml").toString(), "--output", out.toString());
        assertEquals(0, run.exitCode(), run.all());
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        String target = json.get("targets").get(0).get("id").asText();
        Map<String, JsonNode> r = results(out, target);
        assertEquals("FAIL", r.get("PATRONI-SEC-003").get("status").asText(), "plain-text passwords in patroni.yml");
        assertEquals("FAIL", r.get("PATRONI-HA-013").get("status").asText(), "a single etcd endpoint");
        assertNotNull(r.get("PATRONI-HA-003"));
        for (String f : new String[] {"report.json", "report.html"}) {
            assertFalse(Files.readString(out.resolve(f)).contains("Zebra-Plaintext-42"), f);
        }
        assertFalse(run.all().contains("Zebra-Plaintext-42"));
    }

    @Test
    void malformedFilesAreOneErrorWithFileAndLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("postgresql.conf"), "shared_buffers = 128MB\nthis line is = = broken\n");
        JarRun run = JarRun.run(Map.of(), "scan", "--config", bad.toString(), "--output", tmp.resolve("never").toString());
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.stderr().contains(bad + ":2"), run.stderr());
        assertFalse(Files.exists(tmp.resolve("never")));
        Path unknown = Files.writeString(tmp.resolve("settings.txt"), "hello\n");
        JarRun u = JarRun.run(Map.of(), "scan", "--config", unknown.toString());
        assertEquals(2, u.exitCode());
        assertTrue(u.stderr().contains("cannot tell which engine"), u.stderr());
    }

    @Test
    void redisAndMongodConfigurationsAreJudgedByTheSameRulesAsLiveServers() throws Exception {
        Path engines = Path.of("src", "test", "resources", "config", "engines").toAbsolutePath();
        Path out = tmp.resolve("engines");
        JarRun run = JarRun.run(Map.of(), "scan", "--config", engines.toString(), "--fail-on", "critical",
                "--output", out.toString());
        assertEquals(4, run.exitCode(), "authorization disabled in mongod.conf is CRITICAL\n" + run.all());
        Map<String, JsonNode> redis = results(out, "file:" + engines.resolve("redis.conf"));
        Map<String, JsonNode> mongo = results(out, "file:" + engines.resolve("mongod.conf"));
        assertEquals("FAIL", redis.get("REDIS-SEC-002").get("status").asText(), "protected-mode no");
        assertEquals("FAIL", redis.get("REDIS-BAK-001").get("status").asText(), "no persistence");
        assertEquals("SKIPPED", redis.get("REDIS-HA-001").get("status").asText(), "replication needs a live server");
        assertEquals("FAIL", mongo.get("MONGO-SEC-001").get("status").asText(), "authorization disabled");
        assertEquals("FAIL", mongo.get("MONGO-SEC-010").get("status").asText(), "bindIp 0.0.0.0");
        assertFalse(run.all().contains("Redis-Plain-Secret-9"));
        assertFalse(Files.readString(out.resolve("report.json")).contains("Redis-Plain-Secret-9"));
    }

    @Test
    void aDeploymentDirectoryIsJudgedWholeAgainstTheGivenRam() throws Exception {
        Path out = tmp.resolve("dir");
        JarRun run = JarRun.run(Map.of(), "scan", "--config", WEAK.toString(), "--memory", "4GiB", "--pg-version", "17",
                "--output", out.toString());
        assertEquals(0, run.exitCode(), run.all());
        Map<String, JsonNode> pg = results(out, "file:" + WEAK);
        JsonNode worstCase = pg.get("PG-TUN-003");
        assertEquals("FAIL", worstCase.get("status").asText(), "800 x 64MB work_mem is far beyond 4 GiB");
        assertEquals("FAIL", pg.get("PG-BAK-001").get("status").asText(), "no archiving");
        assertEquals(WEAK.resolve("postgresql.conf") + ":9", pg.get("PG-TUN-035").get("findings").get(0).get("location").asText());
        assertEquals(WEAK.resolve("pg_hba.conf") + ":2", pg.get("PG-SEC-015").get("findings").get(0).get("location").asText());
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        String patroni = null;
        for (JsonNode t : json.get("targets")) {
            if (t.get("engine").asText().equals("patroni")) {
                patroni = t.get("id").asText();
            }
        }
        Map<String, JsonNode> p = results(out, patroni);
        assertEquals("FAIL", p.get("PATRONI-SEC-001").get("status").asText(), "REST API on 0.0.0.0 without auth");
        assertTrue(p.get("PATRONI-SEC-001").get("findings").get(0).get("location").asText().endsWith("patroni.yml:3"));
        assertEquals(2, p.get("PATRONI-SEC-003").get("findings").size(), "two plain-text passwords, each with its line");
        assertEquals("FAIL", p.get("PATRONI-SEC-004").get("status").asText(), "pg_hba in patroni.yml open to 0.0.0.0/0");
        assertFalse(Files.readString(out.resolve("report.json")).contains("Zebra-Plaintext-42"));
    }
}
