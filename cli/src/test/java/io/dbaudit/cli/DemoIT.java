package io.dbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, run from the shaded jar: an embedded PostgreSQL with planted problems. */
class DemoIT {
    @TempDir
    static Path out;
    static JarRun run;
    static JsonNode json;

    @BeforeAll
    static void runDemo() throws Exception {
        run = JarRun.run(Map.of(), "demo", "--output", out.toString());
        json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void exitsZeroPrintsASummaryAndWhereTheReportsAre() {
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.stdout().contains("Report: " + out.resolve("report.html").toAbsolutePath()), run.stdout());
        assertTrue(run.stdout().contains("Report: " + out.resolve("report.json").toAbsolutePath()), run.stdout());
        assertTrue(run.stdout().contains("PG-SEC-001"), run.stdout());
    }

    @Test
    void plantedProblemsAreReportedAsFailWithRemediation() {
        List<String> failed = new ArrayList<>();
        json.get("results").forEach(r -> {
            if (r.get("status").asText().equals("FAIL")) {
                failed.add(r.get("ruleId").asText());
            }
        });
        for (String id : List.of("PG-SEC-001", "PG-SEC-006", "PG-SEC-007", "PG-SEC-008", "PG-SEC-010", "PG-SEC-013",
                "PG-SEC-015", "PG-SEC-019", "PG-SEC-026")) {
            assertTrue(failed.contains(id), id + " should FAIL on the demo server; failed: " + failed);
        }
    }

    @Test
    void hostileRoleNameIsQuotedAsOneIdentifierInRemediation() {
        JsonNode sec001 = result("PG-SEC-001");
        List<String> remediation = new ArrayList<>();
        sec001.get("findings").forEach(f -> remediation.add(f.get("remediation").asText()));
        assertTrue(remediation.contains("ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;"), remediation.toString());
    }

    @Test
    void htmlEscapesTheHostileNameAndLoadsNothingFromTheNetwork() throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("&lt;script&gt;alert("), "hostile HTML role name must appear escaped");
        assertFalse(html.contains("<script>alert("), "hostile HTML role name must never appear raw");
        assertFalse(html.matches("(?s).*<(link|img|script)[^>]+(src|href)=\"https?:.*"), "no network resources");
    }

    @Test
    void chromiumShowsTheHostileRoleAsTextAndRunsNoInjectedScript() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        // .ci/run installs chromium; on a machine without it this check cannot run at all.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium is not installed");
        Path profile = Files.createTempDirectory("dbaudit-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
                out.resolve("report.html").toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "chromium did not finish");
        // The rendered DOM still holds the name as escaped text: it was never parsed as a <script> element.
        assertTrue(dom.contains("&lt;script&gt;alert('dbaudit')&lt;/script&gt;"), "hostile name shown as text");
        assertFalse(dom.contains("<script>alert('dbaudit')</script>"), "hostile name became markup");
        assertTrue(dom.contains("PG-SEC-001"));
    }

    private static JsonNode result(String id) {
        for (JsonNode r : json.get("results")) {
            if (r.get("ruleId").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + id);
    }
}
