package io.dbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `dbaudit scan` from the shaded jar against two real servers: the demo's weak one and a hardened one.
 * The planted problems FAIL on the first and PASS on the second; the password never shows up anywhere.
 */
class ScanIT {
    /** The problems planted by {@link DemoServer}, by rule id. */
    static final List<String> PLANTED = List.of("PG-SEC-001", "PG-SEC-004", "PG-SEC-006", "PG-SEC-007", "PG-SEC-008",
            "PG-SEC-010", "PG-SEC-011", "PG-SEC-013", "PG-SEC-015", "PG-SEC-016", "PG-SEC-019", "PG-SEC-024",
            "PG-SEC-026");
    static final String SUPER_PW = "Sup3r-s3cret-Xq9";
    static final String AUDITOR_PW = "Aud1tor-s3cret-Zk4";

    @TempDir
    static Path tmp;
    static DemoServer weak;
    static HardenedServer hardened;

    @BeforeAll
    static void startServers() throws Exception {
        weak = DemoServer.start(Files.createDirectories(tmp.resolve("weak")));
        hardened = HardenedServer.start(Files.createDirectories(tmp.resolve("hardened")), SUPER_PW, AUDITOR_PW);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (weak != null) {
            weak.close();
        }
        if (hardened != null) {
            hardened.close();
        }
    }

    private static Map<String, String> statuses(Path reportDir) throws Exception {
        JsonNode json = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
        Map<String, String> out = new HashMap<>();
        json.get("results").forEach(r -> out.put(r.get("ruleId").asText(), r.get("status").asText()
                + (r.get("reason").isNull() ? "" : "/" + r.get("reason").asText())));
        return out;
    }

    @Test
    void plantedProblemsFailOnTheWeakServerAndTheGateExitsFour() throws Exception {
        Path out = tmp.resolve("weak-report");
        JarRun run = JarRun.run(Map.of(), "scan", "--target",
                "postgresql://postgres@localhost:" + weak.port() + "/postgres?sslmode=disable",
                "--output", out.toString(), "--fail-on", "high");
        assertEquals(4, run.exitCode(), run.all());
        Map<String, String> s = statuses(out);
        List<String> notFailed = new ArrayList<>();
        for (String id : PLANTED) {
            if (!"FAIL".equals(s.get(id))) {
                notFailed.add(id + "=" + s.get(id));
            }
        }
        assertEquals(List.of(), notFailed, "planted problems must FAIL on the weak server");
    }

    @Test
    void theSameRulesPassOnTheHardenedServerAndThePasswordIsNeverPrinted() throws Exception {
        Path out = tmp.resolve("hardened-report");
        JarRun run = JarRun.run(Map.of("DBAUDIT_TEST_PW", SUPER_PW), "scan", "--target",
                "postgresql://postgres@localhost:" + hardened.port() + "/postgres?sslmode=require",
                "--password-env", "DBAUDIT_TEST_PW", "--output", out.toString());
        assertEquals(0, run.exitCode(), run.all());
        Map<String, String> s = statuses(out);
        List<String> notPassed = new ArrayList<>();
        for (String id : PLANTED) {
            if (!"PASS".equals(s.get(id))) {
                notPassed.add(id + "=" + s.get(id));
            }
        }
        assertEquals(List.of(), notPassed, "planted problems must PASS on the hardened server");
        assertFalse(run.all().contains(SUPER_PW), "password in console output");
        for (String f : List.of("report.json", "report.html")) {
            assertFalse(Files.readString(out.resolve(f)).contains(SUPER_PW), "password in " + f);
        }
    }

    @Test
    void leastPrivilegeScanShowsErrorPrivilegeWhereItCannotSeeAndNeverPass() throws Exception {
        Path pwFile = tmp.resolve("auditor.pw");
        Files.writeString(pwFile, AUDITOR_PW + "\n");
        Path out = tmp.resolve("auditor-report");
        JarRun run = JarRun.run(Map.of(), "scan", "--target",
                "postgresql://auditor@localhost:" + hardened.port() + "/postgres?sslmode=require",
                "--password-file", pwFile.toString(), "--output", out.toString(), "--fail-on-incomplete");
        assertEquals(5, run.exitCode(), "ERROR results with --fail-on-incomplete exit 5\n" + run.all());
        Map<String, String> s = statuses(out);
        // PgRolePassword (pg_authid) and PgHbaEntry (pg_hba_file_rules) need more than pg_monitor.
        for (String id : List.of("PG-SEC-006", "PG-SEC-010", "PG-SEC-013", "PG-SEC-015")) {
            assertEquals("ERROR/privilege", s.get(id), id);
        }
        assertEquals("PASS", s.get("PG-SEC-019"), "settings are still readable with pg_monitor");
        assertFalse(run.all().contains(AUDITOR_PW));
        assertFalse(Files.readString(out.resolve("report.json")).contains(AUDITOR_PW));
    }

    @Test
    void wrongPasswordAndDeadTargetsAreIncompleteNotPassing() throws Exception {
        Path out = tmp.resolve("dead-report");
        JarRun run = JarRun.run(Map.of("DBAUDIT_TEST_PW", "wrong-" + SUPER_PW), "scan",
                "--target", "postgresql://postgres@localhost:" + hardened.port() + "/postgres?sslmode=require",
                "--target", "postgresql://postgres@localhost:1/postgres?sslmode=disable",
                "--password-env", "DBAUDIT_TEST_PW", "--output", out.toString(), "--connect-timeout", "3");
        assertEquals(5, run.exitCode(), run.all());
        JsonNode targets = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("targets");
        assertEquals("AUTH_FAILED", targets.get(0).get("status").asText());
        assertEquals("UNREACHABLE", targets.get(1).get("status").asText());
        assertFalse(run.all().contains("wrong-" + SUPER_PW));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() throws Exception {
        JarRun run = JarRun.run(Map.of(), "scan", "--target",
                "postgresql://postgres:" + SUPER_PW + "@localhost:" + hardened.port() + "/postgres",
                "--output", tmp.resolve("refused").toString());
        assertEquals(2, run.exitCode(), run.all());
        assertFalse(run.all().contains(SUPER_PW), run.all());
        assertFalse(Files.exists(tmp.resolve("refused")), "nothing written on bad input");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertEquals(2, JarRun.run(Map.of(), "scan").exitCode());
        assertEquals(2, JarRun.run(Map.of(), "scan", "--target", "postgresql://h/db", "--fail-on", "severe").exitCode());
        assertNotEquals(0, JarRun.run(Map.of(), "rules", "show", "NO-SUCH-1").exitCode());
    }
}
