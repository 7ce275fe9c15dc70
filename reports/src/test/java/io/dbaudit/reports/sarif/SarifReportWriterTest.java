package io.dbaudit.reports.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.dbaudit.model.Area;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.AppliedWaiver;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.Summary;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.model.result.ToolInfo;
import io.dbaudit.model.rule.Reference;
import io.dbaudit.model.rule.Remediation;
import io.dbaudit.model.rule.RuleMeta;
import io.dbaudit.reports.ReportFormat;
import io.dbaudit.reports.ReportWriters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SarifReportWriterTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SQL = "evil\"; DROP TABLE t; --";
    static final String SQL_OBJECT = "role " + SQL + "\nrole admin";
    static final String SCRIPT_OBJECT = "role " + SCRIPT;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        // Only the bundled schema: any attempt to load another document (network) fails the test.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                b -> b.schemaLoaders(l -> l.values(list -> {
                    list.clear();
                    list.add(DisallowSchemaLoader.getInstance());
                })));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = SarifReportWriterTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "sarif-schema-2.1.0.json on the test classpath");
            JsonNode schemaNode = JSON.readTree(in);
            assertEquals("http://json-schema.org/draft-04/schema#", schemaNode.path("$schema").asText());
            schema = factory.getSchema(schemaNode, config);
            schema.initializeValidators();
        }
    }

    static ScanReport report() {
        List<TargetInfo> targets = List.of(
                new TargetInfo("pg-prod", EngineKind.POSTGRESQL, "postgresql://db1:5432/postgres", "16.4",
                        TargetStatus.COMPLETE, null, 6800),
                new TargetInfo("cache-1", EngineKind.REDIS, "redis://cache-1:6379", null, TargetStatus.UNREACHABLE,
                        "connection refused", 250));

        Map<String, String> ev1 = new LinkedHashMap<>();
        ev1.put("role", SCRIPT);
        Map<String, String> ev2 = new LinkedHashMap<>();
        ev2.put("role", SQL);
        ev2.put("location", "conf/postgresql.conf:12");
        List<Finding> superusers = List.of(
                new Finding("Role " + SCRIPT + " is a superuser", SCRIPT_OBJECT, ev1,
                        "ALTER ROLE \"" + SCRIPT + "\" NOSUPERUSER;", null, "fp-script-0001", null)
                        .withBaseline(Finding.NEW),
                new Finding("Role " + SQL + " is a superuser", SQL_OBJECT, ev2,
                        "ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;", "ALTER ROLE x SUPERUSER;",
                        "fp-sql-0002", "conf/postgresql.conf:12").withBaseline(Finding.EXISTING));
        List<Finding> tuning = List.of(
                new Finding("work_mem is 64kB", "setting work_mem", Map.of(), null, null, "fp-abs-0003",
                        "/etc/postgresql/16/main/postgresql.conf:7"),
                new Finding("work_mem is 64kB (default)", "setting maintenance_work_mem", Map.of(), null, null,
                        "fp-default-0004", "default"));

        List<RuleResult> results = List.of(
                new RuleResult("PG-SEC-001", "pg-prod", Status.PASS, null, null, Severity.HIGH, Area.SECURITY,
                        "Password encryption is scram-sha-256", "conf", "reload", List.of()),
                new RuleResult("PG-SEC-002", "pg-prod", Status.FAIL, null, null, Severity.CRITICAL, Area.SECURITY,
                        "Superusers beyond the allow-list", "sql", "online", superusers),
                new RuleResult("PG-SEC-010", "pg-prod", Status.ERROR, ErrorReason.PRIVILEGE,
                        "permission denied for view pg_hba_file_rules", Severity.HIGH, Area.SECURITY,
                        "pg_hba.conf has no trust entries", "conf", "reload", List.of()),
                new RuleResult("PG-TUN-001", "pg-prod", Status.SKIPPED, null, "target parameter 'memory' is not set",
                        Severity.MEDIUM, Area.TUNING, "shared_buffers fits the memory", "conf", "restart", List.of()),
                new RuleResult("PG-SEC-005", "pg-prod", Status.WAIVED, null, null, Severity.MEDIUM, Area.SECURITY,
                        "Passwords expire", "sql", "online",
                        List.of(new Finding("Role app has no VALID UNTIL", "role app", Map.of(), null, null,
                                "fp-waived-0005", null).withWaiver(new AppliedWaiver("W-1", "accepted until the "
                                + SCRIPT + " migration", LocalDate.parse("2026-12-31"), "dba-lead")))),
                new RuleResult("PG-TUN-002", "pg-prod", Status.FAIL, null, null, Severity.LOW, Area.TUNING,
                        "work_mem is sized", "conf", "reload", tuning),
                // A result whose rule has no metadata in the report still gets a descriptor.
                new RuleResult("PG-SEC-099", "pg-prod", Status.FAIL, null, null, Severity.INFO, Area.SECURITY,
                        "Orphan rule", null, null, List.of()));

        // Metadata deliberately in another order than the results, so ruleIndex != result position.
        List<RuleMeta> rules = List.of(
                meta("PG-TUN-001", "shared_buffers fits the memory", Severity.MEDIUM, Area.TUNING, List.of()),
                meta("PG-TUN-002", "work_mem is sized", Severity.LOW, Area.TUNING, List.of()),
                new RuleMeta("PG-SEC-002", "Superusers beyond the allow-list", Severity.CRITICAL, Area.SECURITY,
                        List.of(EngineKind.POSTGRESQL), List.of("pg.role"), List.of(), "Only allow-listed roles may be superusers.",
                        "A superuser bypasses every permission check.", Map.of(), "Role {{role}} is a superuser",
                        new Remediation("sql", "online", "ALTER ROLE {{ident role}} NOSUPERUSER; -- ```", null, null),
                        List.of(new Reference("Not a link", "javascript:alert(1)"),
                                new Reference("PostgreSQL: Role attributes",
                                        "https://www.postgresql.org/docs/current/role-attributes.html")),
                        List.of("CIS-PG-4.3"), Map.of("cis", List.of("4.3")), null, "packs/PG-SEC-002.yaml"),
                meta("PG-SEC-001", "Password encryption is scram-sha-256", Severity.HIGH, Area.SECURITY, List.of()),
                meta("PG-SEC-010", "pg_hba.conf has no trust entries", Severity.HIGH, Area.SECURITY,
                        List.of(new Reference("pg_hba.conf", "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"))),
                meta("PG-SEC-005", "Passwords expire", Severity.MEDIUM, Area.SECURITY, List.of()));

        return new ScanReport(ScanReport.SCHEMA_VERSION, new ToolInfo("dbaudit", "0.1.0"),
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:07.250Z"),
                targets, results, rules, new Summary(2, 7, Map.of(), Map.of(), 6));
    }

    private static RuleMeta meta(String id, String title, Severity severity, Area area, List<Reference> refs) {
        return new RuleMeta(id, title, severity, area, List.of(EngineKind.POSTGRESQL), List.of("pg.setting"),
                List.of(), null, "Rationale of " + id + ".", Map.of(), "message", new Remediation("conf", "reload", "x", null, null),
                refs, List.of(), Map.of(), null, "packs/" + id + ".yaml");
    }

    private static Set<ValidationMessage> validate(JsonNode sarif) {
        return schema.validate(sarif);
    }

    private static JsonNode parse(ScanReport report) throws IOException {
        return JSON.readTree(new SarifReportWriter().toSarif(report));
    }

    @Test
    void outputIsValidSarif210() throws IOException {
        JsonNode sarif = parse(report());
        Set<ValidationMessage> errors = validate(sarif);
        assertTrue(errors.isEmpty(), () -> "schema errors: " + errors);
        assertEquals("2.1.0", sarif.path("version").asText());
        assertEquals(1, sarif.path("runs").size());
    }

    @Test
    void validatorIsNotVacuous() throws IOException {
        ObjectNode sarif = (ObjectNode) parse(report());
        ObjectNode result = (ObjectNode) sarif.path("runs").path(0).path("results").path(0);
        result.put("level", "fatal");
        result.remove("message");
        ((ObjectNode) sarif.path("runs").path(0).path("invocations").path(0)).remove("executionSuccessful");
        Set<ValidationMessage> errors = validate(sarif);
        assertTrue(errors.size() >= 3, () -> "expected level, message and executionSuccessful errors: " + errors);
    }

    @Test
    void driverRulesCarryMetadata() throws IOException {
        JsonNode driver = parse(report()).path("runs").path(0).path("tool").path("driver");
        assertEquals("dbaudit", driver.path("name").asText());
        assertEquals("0.1.0", driver.path("version").asText());
        assertTrue(driver.path("informationUri").isMissingNode());
        List<String> ids = new ArrayList<>();
        driver.path("rules").forEach(r -> ids.add(r.path("id").asText()));
        assertEquals(List.of("PG-TUN-001", "PG-TUN-002", "PG-SEC-002", "PG-SEC-001", "PG-SEC-010", "PG-SEC-005",
                "PG-SEC-099"), ids);

        JsonNode sec002 = driver.path("rules").path(2);
        assertEquals("SuperusersBeyondTheAllowList", sec002.path("name").asText());
        assertEquals("Superusers beyond the allow-list", sec002.path("shortDescription").path("text").asText());
        assertEquals("Only allow-listed roles may be superusers.", sec002.path("fullDescription").path("text").asText());
        assertEquals("error", sec002.path("defaultConfiguration").path("level").asText());
        // The first http(s) reference, never the javascript: one.
        assertEquals("https://www.postgresql.org/docs/current/role-attributes.html", sec002.path("helpUri").asText());
        String help = sec002.path("help").path("text").asText();
        assertTrue(help.contains("A superuser bypasses every permission check.")
                && help.contains("ALTER ROLE {{ident role}} NOSUPERUSER;")
                && help.contains("https://www.postgresql.org/docs/current/role-attributes.html"), help);
        String markdown = sec002.path("help").path("markdown").asText();
        assertTrue(markdown.contains("````sql\nALTER ROLE {{ident role}} NOSUPERUSER; -- ```\n````"), markdown);
        assertFalse(markdown.contains("](<javascript:"), markdown);
        assertTrue(markdown.contains("[PostgreSQL: Role attributes](<https://www.postgresql.org/docs/current/role-attributes.html>)"),
                markdown);
        JsonNode props = sec002.path("properties");
        assertEquals("9.5", props.path("security-severity").asText());
        assertTrue(props.path("security-severity").isTextual());
        assertEquals("high", props.path("precision").asText());
        List<String> tags = new ArrayList<>();
        props.path("tags").forEach(t -> tags.add(t.asText()));
        assertEquals(List.of("security", "postgresql", "external/cis/4.3"), tags);

        JsonNode tun001 = driver.path("rules").path(0);
        assertEquals("warning", tun001.path("defaultConfiguration").path("level").asText());
        assertEquals("5.5", tun001.path("properties").path("security-severity").asText());
        assertEquals("Rationale of PG-TUN-001.", tun001.path("fullDescription").path("text").asText());
        assertEquals("note", driver.path("rules").path(1).path("defaultConfiguration").path("level").asText());
        assertEquals("3.0", driver.path("rules").path(1).path("properties").path("security-severity").asText());
        assertEquals("note", driver.path("rules").path(6).path("defaultConfiguration").path("level").asText());
        assertEquals("1.0", driver.path("rules").path(6).path("properties").path("security-severity").asText());
    }

    @Test
    void resultsOnePerFindingWithCorrectRuleIndexLevelsAndFingerprints() throws IOException {
        JsonNode run = parse(report()).path("runs").path(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        JsonNode results = run.path("results");
        // 2 (PG-SEC-002) + 1 waived (PG-SEC-005) + 2 (PG-TUN-002) + 1 (PG-SEC-099 without findings); no PASS/SKIPPED/ERROR.
        assertEquals(6, results.size());
        List<String> ruleIds = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (JsonNode r : results) {
            ruleIds.add(r.path("ruleId").asText());
            levels.add(r.path("level").asText());
            fingerprints.add(r.path("partialFingerprints").path("dbauditFingerprint/v1").asText(null));
            int index = r.path("ruleIndex").asInt(-1);
            assertEquals(r.path("ruleId").asText(), rules.path(index).path("id").asText(), "ruleIndex of " + r);
        }
        assertEquals(List.of("PG-SEC-002", "PG-SEC-002", "PG-SEC-005", "PG-TUN-002", "PG-TUN-002", "PG-SEC-099"), ruleIds);
        assertEquals(List.of("error", "error", "warning", "note", "note", "note"), levels);
        assertEquals(java.util.Arrays.asList("fp-script-0001", "fp-sql-0002", "fp-waived-0005", "fp-abs-0003",
                "fp-default-0004", null), fingerprints);

        JsonNode first = results.path(0);
        assertEquals("Role " + SCRIPT + " is a superuser", first.path("message").path("text").asText());
        JsonNode logical = first.path("locations").path(0).path("logicalLocations").path(0);
        assertEquals("pg-prod/" + SCRIPT_OBJECT, logical.path("fullyQualifiedName").asText());
        assertEquals("resource", logical.path("kind").asText());
        assertTrue(first.path("locations").path(0).path("physicalLocation").isMissingNode());
        assertEquals("ALTER ROLE \"" + SCRIPT + "\" NOSUPERUSER;", first.path("properties").path("remediation").asText());
        assertEquals("online", first.path("properties").path("effect").asText());
        assertTrue(first.path("suppressions").isMissingNode());

        JsonNode waived = results.path(2);
        assertEquals(1, waived.path("suppressions").size());
        assertEquals("external", waived.path("suppressions").path(0).path("kind").asText());
        JsonNode suppression = waived.path("suppressions").path(0);
        assertEquals("accepted until the " + SCRIPT + " migration", suppression.path("justification").asText());
        assertEquals("accepted", suppression.path("status").asText());
        assertEquals("W-1", suppression.path("properties").path("waiverId").asText());
        assertEquals("2026-12-31", suppression.path("properties").path("expires").asText());
        assertEquals("dba-lead", suppression.path("properties").path("approver").asText());

        assertEquals("new", first.path("baselineState").asText());
        assertEquals("unchanged", results.path(1).path("baselineState").asText());
        assertTrue(results.path(3).path("baselineState").isMissingNode());

        JsonNode orphan = results.path(5);
        assertEquals("Orphan rule", orphan.path("message").path("text").asText());
        assertEquals("pg-prod", orphan.path("locations").path(0).path("logicalLocations").path(0)
                .path("fullyQualifiedName").asText());
    }

    @Test
    void configFileLocationsBecomePhysicalLocations() throws IOException {
        JsonNode results = parse(report()).path("runs").path(0).path("results");
        JsonNode relative = results.path(1).path("locations").path(0).path("physicalLocation");
        assertEquals("conf/postgresql.conf", relative.path("artifactLocation").path("uri").asText());
        assertEquals("SRCROOT", relative.path("artifactLocation").path("uriBaseId").asText());
        assertEquals(12, relative.path("region").path("startLine").asInt());
        assertTrue(relative.path("region").path("startLine").isInt());

        JsonNode absolute = results.path(3).path("locations").path(0).path("physicalLocation");
        assertEquals("file:///etc/postgresql/16/main/postgresql.conf", absolute.path("artifactLocation").path("uri").asText());
        assertTrue(absolute.path("artifactLocation").path("uriBaseId").isMissingNode());
        assertEquals(7, absolute.path("region").path("startLine").asInt());

        // "default" is a pg_settings source, not a file: logical location only.
        assertTrue(results.path(4).path("locations").path(0).path("physicalLocation").isMissingNode());

        assertEquals("dir%20with%20space/pg_hba.conf",
                SarifReportWriter.physicalLocation("dir with space/pg_hba.conf:3").path("artifactLocation").path("uri").asText());
        assertEquals("./c:x/pg_hba.conf",
                SarifReportWriter.physicalLocation("c:x/pg_hba.conf:3").path("artifactLocation").path("uri").asText());
        assertEquals(null, SarifReportWriter.physicalLocation("pg_hba.conf:0"));
        assertEquals(null, SarifReportWriter.physicalLocation("command line"));
    }

    @Test
    void hostileStringsRoundTripExactly() throws IOException {
        String text = new SarifReportWriter().toSarif(report());
        JsonNode results = JSON.readTree(text).path("runs").path(0).path("results");
        assertEquals(SCRIPT_OBJECT, results.path(0).path("locations").path(0).path("logicalLocations").path(0)
                .path("name").asText());
        assertEquals(SQL_OBJECT, results.path(1).path("locations").path(0).path("logicalLocations").path(0)
                .path("name").asText());
        assertEquals("pg-prod/" + SQL_OBJECT, results.path(1).path("locations").path(0).path("logicalLocations").path(0)
                .path("fullyQualifiedName").asText());
        assertEquals("Role " + SQL + " is a superuser", results.path(1).path("message").path("text").asText());
        assertEquals(SQL, results.path(1).path("properties").path("evidence").path("role").asText());
        assertEquals("ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;",
                results.path(1).path("properties").path("remediation").asText());
        // The newline is an escape inside a JSON string, never a raw line break in the document.
        assertFalse(text.contains(SQL + "\nrole admin"));
        assertTrue(text.contains("\\nrole admin"));
    }

    @Test
    void errorsAndUnscannedTargetsAreNotifications() throws IOException {
        JsonNode run = parse(report()).path("runs").path(0);
        JsonNode invocation = run.path("invocations").path(0);
        assertFalse(invocation.path("executionSuccessful").asBoolean(true));
        assertEquals("2025-03-01T10:00:00Z", invocation.path("startTimeUtc").asText());
        assertEquals("2025-03-01T10:00:07.250Z", invocation.path("endTimeUtc").asText());
        JsonNode notes = invocation.path("toolExecutionNotifications");
        assertEquals(2, notes.size());
        assertEquals("error", notes.path(0).path("level").asText());
        assertEquals("Target cache-1 was not scanned: UNREACHABLE: connection refused",
                notes.path(0).path("message").path("text").asText());
        JsonNode error = notes.path(1);
        assertEquals("error", error.path("level").asText());
        assertEquals("PG-SEC-010 on pg-prod: privilege: permission denied for view pg_hba_file_rules",
                error.path("message").path("text").asText());
        assertEquals("PG-SEC-010", error.path("associatedRule").path("id").asText());
        assertEquals("PG-SEC-010", run.path("tool").path("driver").path("rules")
                .path(error.path("associatedRule").path("index").asInt()).path("id").asText());
    }

    @Test
    void allTargetsScannedIsSuccessfulAndEmptyReportIsValid() throws IOException {
        ScanReport r = report();
        ScanReport complete = new ScanReport(r.schemaVersion(), r.tool(), r.startedAt(), r.finishedAt(),
                List.of(r.targets().get(0)), List.of(r.results().get(0)), r.rules(), r.summary());
        JsonNode sarif = parse(complete);
        assertTrue(validate(sarif).isEmpty(), () -> validate(sarif).toString());
        JsonNode invocation = sarif.path("runs").path(0).path("invocations").path(0);
        assertTrue(invocation.path("executionSuccessful").asBoolean(false));
        assertTrue(invocation.path("toolExecutionNotifications").isMissingNode());
        assertEquals(0, sarif.path("runs").path(0).path("results").size());

        ScanReport empty = new ScanReport(1, null, null, null, null, null, null, null);
        JsonNode emptySarif = parse(empty);
        assertTrue(validate(emptySarif).isEmpty(), () -> validate(emptySarif).toString());
        assertEquals("dbaudit", emptySarif.path("runs").path(0).path("tool").path("driver").path("name").asText());
    }

    @Test
    void writtenByReportWritersAsReportSarif(@TempDir Path dir) throws IOException {
        List<Path> written = ReportWriters.write(report(), Set.of(ReportFormat.SARIF), dir);
        assertEquals(List.of(dir.resolve("report.sarif").toAbsolutePath()), written);
        String text = Files.readString(written.get(0));
        assertEquals(new SarifReportWriter().toSarif(report()), text);
        assertTrue(text.endsWith("}\n"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void pascalCaseNames() {
        assertEquals("PgHbaConfHasNoTrustEntries", SarifReportWriter.pascalCase("pg_hba.conf has no trust entries", "X"));
        assertEquals("PasswordEncryptionIsScramSha256",
                SarifReportWriter.pascalCase("Password encryption is scram-sha-256", "X"));
        assertEquals("PGSEC001", SarifReportWriter.pascalCase(null, "PG-SEC-001"));
        assertEquals("PGSEC001", SarifReportWriter.pascalCase("\u001b\u00e9", "PG-SEC-001"));
    }
}
