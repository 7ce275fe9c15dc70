package io.dbaudit.reports;

import io.dbaudit.model.Area;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report as an attacker-controlled server could make it look: names chosen to break HTML, SQL and terminals. */
final class SampleReports {

    static final String SCRIPT_ROLE = "<script>alert(1)</script>";
    static final String SQL_ROLE = "evil\"; DROP TABLE t; --";
    /** An object name with a newline, as if to fake a second line in a listing. */
    static final String NEWLINE_OBJECT = "role " + SQL_ROLE + "\nrole admin";
    /** A title carrying an ANSI "clear screen" sequence. */
    static final String ESC_TITLE = "Superusers beyond the allow-list \u001b[2J\u001b[31m";
    static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
    static final Instant FINISHED = Instant.parse("2025-03-01T10:00:07.250Z");

    private SampleReports() {
    }

    static ScanReport hostile() {
        List<TargetInfo> targets = List.of(
                new TargetInfo("pg-prod", EngineKind.POSTGRESQL, "postgresql://db1.example.internal:5432/postgres",
                        "16.4", TargetStatus.COMPLETE, null, 6800),
                new TargetInfo("cache-1", EngineKind.REDIS, "redis://cache-1:6379", null, TargetStatus.UNREACHABLE,
                        "connection refused", 250));

        Map<String, String> evidence1 = new LinkedHashMap<>();
        evidence1.put("role", SCRIPT_ROLE);
        evidence1.put("rolsuper", "true");
        Map<String, String> evidence2 = new LinkedHashMap<>();
        evidence2.put("role", SQL_ROLE);
        evidence2.put("rolsuper", "true");
        List<Finding> findings = List.of(
                new Finding("Role " + SCRIPT_ROLE + " is a superuser", "role " + SCRIPT_ROLE, evidence1,
                        "ALTER ROLE \"" + SCRIPT_ROLE + "\" NOSUPERUSER;", "ALTER ROLE \"" + SCRIPT_ROLE + "\" SUPERUSER;",
                        "0f1e2d3c4b5a69788796a5b4c3d2e1f0", null),
                new Finding("Role " + SQL_ROLE + " is a superuser", NEWLINE_OBJECT, evidence2,
                        "ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;", null,
                        "a1b2c3d4e5f60718293a4b5c6d7e8f90", "pg_hba.conf:12"));

        List<RuleResult> results = List.of(
                new RuleResult("PG-SEC-001", "pg-prod", Status.PASS, null, null, Severity.HIGH, Area.SECURITY,
                        "Password encryption is scram-sha-256", "conf", "reload", List.of()),
                new RuleResult("PG-SEC-002", "pg-prod", Status.FAIL, null, null, Severity.CRITICAL, Area.SECURITY,
                        ESC_TITLE, "sql", "online", findings),
                new RuleResult("PG-SEC-010", "pg-prod", Status.ERROR, ErrorReason.PRIVILEGE,
                        "pg_hba_file_rules: permission denied for view pg_hba_file_rules", Severity.HIGH, Area.SECURITY,
                        "pg_hba.conf has no trust entries", "conf", "reload", List.of()),
                new RuleResult("PG-TUN-001", "pg-prod", Status.SKIPPED, null, "target parameter 'memory' is not set",
                        Severity.MEDIUM, Area.TUNING, "shared_buffers fits the memory", "conf", "restart", List.of()));

        List<RuleMeta> rules = List.of(
                meta("PG-SEC-001", "Password encryption is scram-sha-256", Severity.HIGH, Area.SECURITY, List.of()),
                new RuleMeta("PG-SEC-002", ESC_TITLE, Severity.CRITICAL, Area.SECURITY, List.of(EngineKind.POSTGRESQL),
                        List.of("pg.role"), List.of(), "Only allow-listed roles may be superusers.",
                        "A superuser bypasses every permission check and can run programs as the server's OS user.",
                        Map.of("allowed", "postgres", "maxSuperusers", 1, "ratio", 0.5),
                        "Role {{role}} is a superuser",
                        new Remediation("sql", "online", "ALTER ROLE {{ident role}} NOSUPERUSER;",
                                "ALTER ROLE {{ident role}} SUPERUSER;", null),
                        List.of(new Reference("PostgreSQL: Role attributes",
                                        "https://www.postgresql.org/docs/current/role-attributes.html"),
                                new Reference("Not a link", "javascript:alert(1)")),
                        List.of("CIS-PG-4.3"), Map.of("cis", List.of("4.3"), "nist", List.of("AC-6")),
                        null, "packs/postgresql/security/PG-SEC-002.yaml"),
                meta("PG-SEC-010", "pg_hba.conf has no trust entries", Severity.HIGH, Area.SECURITY,
                        List.of(new Reference("pg_hba.conf", "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"))),
                meta("PG-TUN-001", "shared_buffers fits the memory", Severity.MEDIUM, Area.TUNING, List.of()));

        Map<String, Integer> byStatus = new LinkedHashMap<>();
        byStatus.put("PASS", 1);
        byStatus.put("FAIL", 1);
        byStatus.put("WAIVED", 0);
        byStatus.put("SKIPPED", 1);
        byStatus.put("ERROR", 1);
        Map<String, Integer> failedBySeverity = new LinkedHashMap<>();
        failedBySeverity.put("CRITICAL", 1);
        failedBySeverity.put("HIGH", 0);
        failedBySeverity.put("MEDIUM", 0);
        failedBySeverity.put("LOW", 0);
        failedBySeverity.put("INFO", 0);
        return new ScanReport(ScanReport.SCHEMA_VERSION, new ToolInfo("dbaudit", "0.1.0"), STARTED, FINISHED,
                targets, results, rules, new Summary(2, 4, byStatus, failedBySeverity, 2));
    }

    private static RuleMeta meta(String id, String title, Severity severity, Area area, List<Reference> refs) {
        return new RuleMeta(id, title, severity, area, List.of(EngineKind.POSTGRESQL), List.of("pg.setting"),
                List.of(), null, "Rationale of " + id + ".", Map.of(), "message", new Remediation("conf", "reload", "x", null, null),
                refs, List.of(), Map.of(), null, "packs/" + id + ".yaml");
    }
}
