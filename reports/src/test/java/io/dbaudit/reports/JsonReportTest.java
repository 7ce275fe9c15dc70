package io.dbaudit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbaudit.model.result.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    private final ScanReport report = SampleReports.hostile();
    private final String json = new JsonReportWriter().toJson(report);

    @Test
    void topLevelKeysAreTheRecordComponentsInOrder() throws IOException {
        JsonNode root = parse();
        assertEquals(List.of("schemaVersion", "tool", "startedAt", "finishedAt", "targets", "results", "rules", "summary", "waiverNotices", "fixed", "observations"),
                keys(root));
        assertEquals(1, root.get("schemaVersion").intValue());
        assertEquals("dbaudit", root.at("/tool/name").textValue());
        assertEquals("0.1.0", root.at("/tool/version").textValue());
        // ISO-8601 strings, not epoch numbers.
        assertEquals("2025-03-01T10:00:00Z", root.get("startedAt").textValue());
        assertEquals("2025-03-01T10:00:07.250Z", root.get("finishedAt").textValue());
    }

    @Test
    void targetsUseLowercaseEngineAndStatusNames() throws IOException {
        JsonNode target = parse().at("/targets/0");
        assertEquals(List.of("id", "engine", "endpoint", "version", "status", "detail", "durationMillis"), keys(target));
        assertEquals("pg-prod", target.get("id").textValue());
        assertEquals("postgresql", target.get("engine").textValue());
        assertEquals("postgresql://db1.example.internal:5432/postgres", target.get("endpoint").textValue());
        assertEquals("16.4", target.get("version").textValue());
        assertEquals("COMPLETE", target.get("status").textValue());
        assertTrue(target.get("detail").isNull());
        assertEquals(6800, target.get("durationMillis").longValue());
        assertEquals("redis", parse().at("/targets/1/engine").textValue());
        assertEquals("UNREACHABLE", parse().at("/targets/1/status").textValue());
    }

    @Test
    void resultsCarryEveryKeyIncludingNullReason() throws IOException {
        JsonNode results = parse().get("results");
        assertEquals(List.of("ruleId", "target", "status", "reason", "detail", "severity", "area", "title",
                "remediationLanguage", "effect", "findings"), keys(results.get(0)));
        JsonNode pass = results.get(0);
        assertEquals("PASS", pass.get("status").textValue());
        assertTrue(pass.has("reason") && pass.get("reason").isNull(), "reason key present and null");
        assertEquals(0, pass.get("findings").size());

        JsonNode fail = results.get(1);
        assertEquals("FAIL", fail.get("status").textValue());
        assertEquals("CRITICAL", fail.get("severity").textValue());
        assertEquals("SECURITY", fail.get("area").textValue());
        assertEquals("sql", fail.get("remediationLanguage").textValue());
        assertEquals("online", fail.get("effect").textValue());
        assertEquals(2, fail.get("findings").size());

        JsonNode error = results.get(2);
        assertEquals("ERROR", error.get("status").textValue());
        assertEquals("privilege", error.get("reason").textValue());
        assertEquals("pg_hba_file_rules: permission denied for view pg_hba_file_rules", error.get("detail").textValue());

        JsonNode skipped = results.get(3);
        assertEquals("SKIPPED", skipped.get("status").textValue());
        assertEquals("TUNING", skipped.get("area").textValue());
    }

    @Test
    void findingsKeepHostileStringsAsJsonStrings() throws IOException {
        JsonNode first = parse().at("/results/1/findings/0");
        assertEquals(List.of("message", "object", "evidence", "remediation", "rollback", "fingerprint", "location", "waiver", "baseline"),
                keys(first));
        assertEquals(SampleReports.SCRIPT_ROLE, first.at("/evidence/role").textValue());
        assertEquals(List.of("role", "rolsuper"), keys(first.get("evidence")), "evidence keeps insertion order");
        assertTrue(first.get("location").isNull());

        JsonNode second = parse().at("/results/1/findings/1");
        assertEquals(SampleReports.NEWLINE_OBJECT, second.get("object").textValue());
        assertEquals(SampleReports.SQL_ROLE, second.at("/evidence/role").textValue());
        assertTrue(second.get("rollback").isNull());
        assertEquals("pg_hba.conf:12", second.get("location").textValue());

        // On the wire: quote and newline escaped, ESC as a \\u escape, nothing raw.
        assertTrue(json.contains("\"role\" : \"evil\\\"; DROP TABLE t; --\""), json);
        assertTrue(json.contains("\"object\" : \"role evil\\\"; DROP TABLE t; --\\nrole admin\""));
        assertTrue(json.contains("\"role\" : \"<script>alert(1)</script>\""));
        assertTrue(json.contains("\\u001B[2J"));
        assertFalse(json.contains("\u001b"), "no raw ESC in the JSON");
    }

    @Test
    void rulesAndSummaryAreWritten() throws IOException {
        JsonNode root = parse();
        JsonNode rule = root.at("/rules/1");
        assertEquals(List.of("id", "title", "severity", "area", "engines", "requires", "skipUnless", "description", "rationale",
                "parameters", "message", "remediation", "references", "aliases", "frameworks", "liveOnly", "source"), keys(rule));
        assertEquals("postgresql", rule.at("/engines/0").textValue());
        assertEquals(List.of("allowed", "maxSuperusers", "ratio"), keys(rule.get("parameters")), "sorted keys");
        assertEquals(List.of("cis", "nist"), keys(rule.get("frameworks")));
        assertEquals("https://www.postgresql.org/docs/current/role-attributes.html", rule.at("/references/0/url").textValue());
        assertEquals("online", rule.at("/remediation/effect").textValue());

        JsonNode summary = root.get("summary");
        assertEquals(List.of("targets", "rules", "byStatus", "failedBySeverity", "findings"), keys(summary));
        assertEquals(List.of("PASS", "FAIL", "WAIVED", "SKIPPED", "ERROR"), keys(summary.get("byStatus")));
        assertEquals(1, summary.at("/failedBySeverity/CRITICAL").intValue());
        assertEquals(2, summary.get("findings").intValue());
    }

    @Test
    void prettyPrintedWithUnixLineEnds() {
        assertTrue(json.startsWith("{\n  \"schemaVersion\" : 1,\n"));
        assertTrue(json.endsWith("}\n"));
        assertFalse(json.contains("\r"));
    }

    @Test
    void outputIsStableAcrossWrites() {
        assertEquals(json, new JsonReportWriter().toJson(SampleReports.hostile()));
    }

    @Test
    void roundTripGivesAnEqualReport() throws IOException {
        ScanReport back = new JsonReportReader().read(json);
        assertEquals(report, back);
        assertEquals(json, new JsonReportWriter().toJson(back));
    }

    @Test
    void roundTripThroughTheFileSystem(@TempDir Path dir) throws IOException {
        List<Path> written = ReportWriters.write(report, Set.of(ReportFormat.JSON), dir);
        assertEquals(List.of(dir.resolve("report.json").toAbsolutePath()), written);
        assertEquals(report, new JsonReportReader().read(written.get(0)));
    }

    @Test
    void readerRejectsUnknownSchemaVersion() {
        String future = json.replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 99");
        IOException e = assertThrows(IOException.class, () -> new JsonReportReader().read(future));
        assertTrue(e.getMessage().contains("schemaVersion 99"), e.getMessage());
    }

    @Test
    void readerRejectsUnknownEngine() {
        String bad = json.replaceFirst("\"engine\" : \"postgresql\"", "\"engine\" : \"oracle\"");
        assertThrows(IOException.class, () -> new JsonReportReader().read(bad));
    }

    @Test
    void readerAcceptsUppercaseLabels() throws IOException {
        String upper = json.replace("\"engine\" : \"postgresql\"", "\"engine\" : \"POSTGRESQL\"")
                .replace("\"reason\" : \"privilege\"", "\"reason\" : \"PRIVILEGE\"");
        assertEquals(report, new JsonReportReader().read(upper));
    }

    private JsonNode parse() throws IOException {
        return new ObjectMapper().readTree(json);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
