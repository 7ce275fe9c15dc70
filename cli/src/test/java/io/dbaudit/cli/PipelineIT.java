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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI-gating features from the shaded jar against a real server: waivers, baselines and diff,
 * SARIF/JUnit files, offline snapshots, users' rule packs, and bad input.
 */
class PipelineIT {
    @TempDir
    static Path tmp;
    static DemoServer server;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServer.start(Files.createDirectories(tmp.resolve("pg")));
        url = "postgresql://postgres@localhost:" + server.port() + "/postgres?sslmode=disable";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    }

    private static JsonNode result(JsonNode report, String ruleId) {
        for (JsonNode r : report.get("results")) {
            if (r.get("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + ruleId);
    }

    @Test
    void waiversTurnFailIntoWaivedAndExpiredOrUnusedOnesAreReported() throws Exception {
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
                waivers:
                  - id: demo-superusers
                    rule: PG-SEC-001
                    target: "localhost:*"
                    justification: "demo server: the superusers are planted on purpose"
                    expires: 2999-12-31
                  - id: old
                    rule: PG-SEC-019
                    target: "*"
                    justification: "was accepted until TLS rollout finished"
                    expires: %s
                  - id: nothing-matches
                    rule: PG-SEC-002
                    target: "some-other-host:*"
                    justification: "a waiver for a target this run does not scan"
                    expires: 2999-12-31
                """.formatted(yesterday));
        Path out = tmp.resolve("waived");
        JarRun run = JarRun.run(Map.of(), "scan", "--target", url, "--waivers", waivers.toString(),
                "--fail-on", "high", "--format", "json,html,sarif,junit", "--output", out.toString());
        assertEquals(4, run.exitCode(), "PG-SEC-019 (ssl off, HIGH) still fails: its waiver expired\n" + run.all());
        JsonNode report = json(out);
        assertEquals("WAIVED", result(report, "PG-SEC-001").get("status").asText());
        assertEquals("demo-superusers", result(report, "PG-SEC-001").get("findings").get(0).get("waiver").get("id").asText());
        assertEquals("FAIL", result(report, "PG-SEC-019").get("status").asText());
        assertTrue(run.stdout().contains("Waiver expired: old"), run.stdout());
        assertTrue(run.stdout().contains("Waiver unused: nothing-matches"), run.stdout());
        for (String f : List.of("report.json", "report.html", "report.sarif", "junit.xml")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode sarif = new ObjectMapper().readTree(out.resolve("report.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        var junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("junit.xml").toFile());
        int jsonFails = 0;
        int jsonErrors = 0;
        for (JsonNode r : report.get("results")) {
            jsonFails += r.get("status").asText().equals("FAIL") ? 1 : 0;
            jsonErrors += r.get("status").asText().equals("ERROR") ? 1 : 0;
        }
        var suites = junit.getDocumentElement();
        assertEquals(jsonFails, Integer.parseInt(suites.getAttribute("failures")), "JUnit failures = JSON FAIL results");
        assertEquals(jsonErrors, Integer.parseInt(suites.getAttribute("errors")), "JUnit errors = JSON ERROR results");
        assertEquals(report.get("results").size(), Integer.parseInt(suites.getAttribute("tests")), "one case per result");
    }

    @Test
    void baselineMarksNewFindingsAndDiffShowsThem() throws Exception {
        Path first = tmp.resolve("base1");
        assertEquals(0, JarRun.run(Map.of(), "scan", "--target", url, "--output", first.toString()).exitCode());
        Path second = tmp.resolve("base2");
        JarRun same = JarRun.run(Map.of(), "scan", "--target", url, "--output", second.toString(),
                "--baseline", first.resolve("report.json").toString(), "--fail-on-new");
        assertEquals(0, same.exitCode(), same.all());
        assertTrue(same.stdout().contains("Baseline: 0 new finding(s), 0 fixed"), same.stdout());

        try (EmbeddedPostgresSession s = new EmbeddedPostgresSession(server)) {
            s.execute("CREATE ROLE intruder LOGIN SUPERUSER");
        }
        Path third = tmp.resolve("base3");
        try {
            JarRun changed = JarRun.run(Map.of(), "scan", "--target", url, "--output", third.toString(),
                    "--baseline", first.resolve("report.json").toString(), "--fail-on-new");
            assertEquals(4, changed.exitCode(), changed.all());
            JsonNode finding = null;
            for (JsonNode f : result(json(third), "PG-SEC-001").get("findings")) {
                if (f.get("object").asText().equals("role intruder")) {
                    finding = f;
                }
            }
            assertTrue(finding != null && finding.get("baseline").asText().equals("new"));
            JarRun diff = JarRun.run(Map.of(), "diff", first.resolve("report.json").toString(),
                    third.resolve("report.json").toString());
            assertEquals(0, diff.exitCode(), diff.all());
            assertTrue(diff.stdout().contains("NEW     HIGH PG-SEC-001"), diff.stdout());
            assertTrue(diff.stdout().contains("role intruder"), diff.stdout());
        } finally {
            try (EmbeddedPostgresSession s = new EmbeddedPostgresSession(server)) {
                s.execute("DROP ROLE intruder");
            }
        }
    }

    @Test
    void snapshotsEvaluateOfflineToTheSameResultsAndRedactNames() throws Exception {
        Path live = tmp.resolve("live");
        JarRun.run(Map.of(), "scan", "--target", url, "--output", live.toString());
        Path facts = tmp.resolve("facts.json");
        JarRun collect = JarRun.run(Map.of(), "collect", "--target", url, "--output", facts.toString());
        assertEquals(0, collect.exitCode(), collect.all());
        Path offline = tmp.resolve("offline");
        JarRun eval = JarRun.run(Map.of(), "evaluate", facts.toString(), "--output", offline.toString());
        assertEquals(0, eval.exitCode(), eval.all());
        int compared = 0;
        for (JsonNode r : json(live).get("results")) {
            String id = r.get("ruleId").asText();
            // activity facts (backends, connections) move between the two collections; everything else is fixed
            if (!id.equals("PG-TUN-021") && !id.equals("PG-SEC-035")) {
                assertEquals(r.get("status").asText(), result(json(offline), id).get("status").asText(), id);
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared + " results");
        assertFalse(Files.readString(facts).contains("demo-only"), "the roles' planted passwords are nowhere in the snapshot");
        Path redacted = tmp.resolve("redacted.json");
        assertEquals(0, JarRun.run(Map.of(), "collect", "--target", url, "--redact-names", "--output",
                redacted.toString()).exitCode());
        String text = Files.readString(redacted);
        assertFalse(text.contains("legacy_app"), "role names must be hashed");
        assertFalse(text.contains("old_contractor"), "role names must be hashed");
        assertTrue(text.contains("password_encryption"), "setting names are not object names");
        Path fromRedacted = tmp.resolve("from-redacted");
        assertEquals(0, JarRun.run(Map.of(), "evaluate", redacted.toString(), "--output", fromRedacted.toString()).exitCode());
        assertEquals("FAIL", result(json(fromRedacted), "PG-SEC-006").get("status").asText(), "md5 still found");
    }

    @Test
    void usersOwnPackIsValidatedTestedAndScanned() throws Exception {
        Path pack = Path.of("..", "examples", "rules", "acme").toAbsolutePath().normalize();
        JarRun validate = JarRun.run(Map.of(), "rules", "validate", pack.toString());
        assertEquals(0, validate.exitCode(), validate.all());
        JarRun test = JarRun.run(Map.of(), "rules", "test", pack.toString());
        assertEquals(0, test.exitCode(), test.all());
        assertTrue(test.stdout().contains("4 passed, 0 failed"), test.stdout());
        Path out = tmp.resolve("acme");
        JarRun scan = JarRun.run(Map.of(), "scan", "--target", url, "--rules", pack.toString(), "--output", out.toString());
        assertEquals(0, scan.exitCode(), scan.all());
        assertEquals("FAIL", result(json(out), "ACME-SEC-001").get("status").asText());

        Path broken = Files.createDirectories(tmp.resolve("broken/pg"));
        for (String f : List.of("ACME-SEC-001.yaml", "ACME-SEC-001.test.yaml")) {
            Files.copy(pack.resolve("postgresql").resolve(f), broken.resolve(f));
        }
        Files.writeString(broken.resolve("ACME-SEC-001.drl"), Files.readString(pack.resolve("postgresql/ACME-SEC-001.drl"))
                .replace("PgRole(login", "PgRoel(login"));
        JarRun bad = JarRun.run(Map.of(), "rules", "validate", broken.getParent().toString());
        assertEquals(2, bad.exitCode(), bad.all());
        assertTrue(bad.stdout().matches("(?s).*ACME-SEC-001\\.drl:\\d+: .*"), bad.stdout());
        JarRun badScan = JarRun.run(Map.of(), "scan", "--target", url, "--rules", broken.getParent().toString(),
                "--output", tmp.resolve("never").toString());
        assertEquals(2, badScan.exitCode(), badScan.all());
        assertFalse(Files.exists(tmp.resolve("never")), "nothing written when the pack is invalid");
    }

    @Test
    void badInventoryIsOneErrorWithFileAndLineAndNothingIsScanned() throws Exception {
        Path inv = Files.writeString(tmp.resolve("fleet.yaml"), """
                targets:
                  - id: a
                    url: %s
                  - id: b
                    url: %s
                    password: "Hunter2-inline"
                """.formatted(url, url));
        JarRun run = JarRun.run(Map.of(), "scan", "--inventory", inv.toString(), "--output", tmp.resolve("inv").toString());
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("fleet.yaml:6: inline passwords are not accepted"), run.stderr());
        assertFalse(run.all().contains("Hunter2-inline"));
        assertFalse(Files.exists(tmp.resolve("inv")));
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "targets:\n  - id: a\n    urll: x\n");
        JarRun t = JarRun.run(Map.of(), "scan", "--inventory", typo.toString());
        assertEquals(2, t.exitCode());
        assertTrue(t.stderr().contains("typo.yaml:3: unknown key 'urll'"), t.stderr());
    }

    @Test
    void waiverLintFlagsProblems() throws Exception {
        assertEquals(0, JarRun.run(Map.of(), "waivers", "lint", Path.of("..", "examples", "waivers.yaml").toString()).exitCode());
        Path w = Files.writeString(tmp.resolve("lint.yaml"), """
                waivers:
                  - rule: NO-SUCH-001
                    target: "*"
                    justification: "x"
                    expires: 2020-01-01
                """);
        JarRun lint = JarRun.run(Map.of(), "waivers", "lint", w.toString());
        assertEquals(2, lint.exitCode());
        assertTrue(lint.stdout().contains("lint.yaml:2: unknown rule NO-SUCH-001"), lint.stdout());
        assertTrue(lint.stdout().contains("expired on 2020-01-01"), lint.stdout());
        assertTrue(lint.stdout().contains("needs a real justification"), lint.stdout());
    }

    /** Changes the test server between scans (the scanner itself never writes). */
    static final class EmbeddedPostgresSession implements AutoCloseable {
        private final Connection c;

        EmbeddedPostgresSession(DemoServer server) throws Exception {
            this.c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres",
                    "postgres", "");
        }

        void execute(String sql) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public void close() throws Exception {
            c.close();
        }
    }

    @Test
    void reportsThatCannotBeWrittenAreAToolErrorExitOne() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
        JarRun run = JarRun.run(Map.of(), "scan", "--target", url, "--output", notADirectory.resolve("sub").toString());
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stderr().contains("cannot write reports"), run.stderr());
    }
}
