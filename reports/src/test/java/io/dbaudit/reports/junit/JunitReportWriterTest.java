package io.dbaudit.reports.junit;

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
import io.dbaudit.reports.ReportFormat;
import io.dbaudit.reports.ReportWriters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class JunitReportWriterTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SQL = "evil\"; DROP TABLE t; --";
    /** Newline, ESC, NUL, a vertical tab, an unpaired surrogate and U+FFFF: all but the newline are illegal in XML 1.0. */
    static final String CONTROL = "line1\nline2 \u001b[2J \u0000 \u000b \ud800 \uffff end";

    static ScanReport report() {
        List<TargetInfo> targets = List.of(
                new TargetInfo("pg-prod", EngineKind.POSTGRESQL, "postgresql://db1:5432/postgres", "16.4",
                        TargetStatus.COMPLETE, null, 6800),
                new TargetInfo("cache-1", EngineKind.REDIS, "redis://cache-1:6379", null, TargetStatus.UNREACHABLE,
                        "connection refused \u0007", 250));
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("role", SCRIPT);
        List<Finding> findings = List.of(
                new Finding("Role " + SCRIPT + " is a superuser", "role " + SCRIPT, evidence,
                        "ALTER ROLE \"" + SCRIPT + "\" NOSUPERUSER;", null, "fp1", null),
                new Finding("Role " + SQL + " is a superuser", "role " + SQL + "\nrole admin", Map.of(),
                        "ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;\nSELECT 1;", null, "fp2",
                        "conf/postgresql.conf:12"));
        List<RuleResult> results = List.of(
                new RuleResult("PG-SEC-001", "pg-prod", Status.PASS, null, null, Severity.HIGH, Area.SECURITY,
                        "Password encryption is scram-sha-256", "conf", "reload", List.of()),
                new RuleResult("PG-SEC-002", "pg-prod", Status.FAIL, null, null, Severity.CRITICAL, Area.SECURITY,
                        "Superusers " + SCRIPT, "sql", "online", findings),
                new RuleResult("PG-SEC-010", "pg-prod", Status.ERROR, ErrorReason.PRIVILEGE, CONTROL, Severity.HIGH,
                        Area.SECURITY, "pg_hba.conf has no trust entries", "conf", "reload", List.of()),
                new RuleResult("PG-TUN-001", "pg-prod", Status.SKIPPED, null, "target parameter 'memory' is not set",
                        Severity.MEDIUM, Area.TUNING, "shared_buffers fits the memory", "conf", "restart", List.of()),
                new RuleResult("PG-SEC-005", "pg-prod", Status.WAIVED, null, null, Severity.MEDIUM, Area.SECURITY,
                        "Passwords expire", "sql", "online", List.of()));
        return new ScanReport(ScanReport.SCHEMA_VERSION, new ToolInfo("dbaudit", "0.1.0"),
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:07.250Z"),
                targets, results, List.of(), new Summary(2, 5, Map.of(), Map.of(), 2));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new InputSource(new StringReader(xml)));
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "exactly one <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    @Test
    void countsAndStructure() throws Exception {
        Document doc = parse(new JunitReportWriter().toXml(report()));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("dbaudit", root.getAttribute("name"));
        assertEquals("6", root.getAttribute("tests"));    // 5 results + connect
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("2", root.getAttribute("errors"));   // privilege + connect
        assertEquals("2", root.getAttribute("skipped"));  // skipped + waived
        assertEquals("7.250", root.getAttribute("time"));

        List<Element> suites = children(root, "testsuite");
        assertEquals(2, suites.size());
        Element pg = suites.get(0);
        assertEquals("pg-prod", pg.getAttribute("name"));
        assertEquals("5", pg.getAttribute("tests"));
        assertEquals("1", pg.getAttribute("failures"));
        assertEquals("1", pg.getAttribute("errors"));
        assertEquals("2", pg.getAttribute("skipped"));
        assertEquals("6.800", pg.getAttribute("time"));
        assertEquals("2025-03-01T10:00:00", pg.getAttribute("timestamp"));
        Map<String, String> props = new LinkedHashMap<>();
        children(only(pg, "properties"), "property").forEach(p -> props.put(p.getAttribute("name"), p.getAttribute("value")));
        assertEquals(Map.of("engine", "postgresql", "endpoint", "postgresql://db1:5432/postgres", "version", "16.4",
                "status", "COMPLETE"), props);

        List<Element> cases = children(pg, "testcase");
        assertEquals(5, cases.size());
        for (Element c : cases) {
            assertEquals("0", c.getAttribute("time"));
        }
        Element pass = cases.get(0);
        assertEquals("pg-prod.security", pass.getAttribute("classname"));
        assertEquals("PG-SEC-001 Password encryption is scram-sha-256", pass.getAttribute("name"));
        assertEquals(0, pass.getElementsByTagName("*").getLength());

        Element fail = only(cases.get(1), "failure");
        assertEquals("CRITICAL", fail.getAttribute("type"));
        assertEquals("2 finding(s): Role " + SCRIPT + " is a superuser", fail.getAttribute("message"));
        String body = fail.getTextContent();
        assertTrue(body.contains("- role " + SCRIPT + "\n  Role " + SCRIPT + " is a superuser\n"), body);
        assertTrue(body.contains("  remediation (online):\n    ALTER ROLE \"" + SCRIPT + "\" NOSUPERUSER;\n"), body);
        assertTrue(body.contains("  location: conf/postgresql.conf:12\n"), body);
        assertTrue(body.contains("    ALTER ROLE \"evil\"\"; DROP TABLE t; --\" NOSUPERUSER;\n    SELECT 1;\n"), body);

        Element error = only(cases.get(2), "error");
        assertEquals("privilege", error.getAttribute("type"));

        Element skipped = only(cases.get(3), "skipped");
        assertEquals("pg-prod.tuning", cases.get(3).getAttribute("classname"));
        assertEquals("target parameter 'memory' is not set", skipped.getAttribute("message"));
        assertEquals("waived", only(cases.get(4), "skipped").getAttribute("message"));

        Element cache = suites.get(1);
        assertEquals("cache-1", cache.getAttribute("name"));
        assertEquals("1", cache.getAttribute("tests"));
        assertEquals("1", cache.getAttribute("errors"));
        assertEquals("0", cache.getAttribute("failures"));
        Element connect = only(cache, "testcase");
        assertEquals("connect", connect.getAttribute("name"));
        assertEquals("cache-1", connect.getAttribute("classname"));
        Element connectError = only(connect, "error");
        assertEquals("UNREACHABLE", connectError.getAttribute("type"));
        assertEquals("connection refused \\u0007", connectError.getAttribute("message"));
    }

    @Test
    void hostileNamesAreEscapedAndRoundTrip() throws Exception {
        String xml = new JunitReportWriter().toXml(report());
        assertFalse(xml.contains("<script>"), "markup in collected names is escaped");
        Document doc = parse(xml);
        Element failing = children(children(doc.getDocumentElement(), "testsuite").get(0), "testcase").get(1);
        assertEquals("PG-SEC-002 Superusers " + SCRIPT, failing.getAttribute("name"));
        String body = only(failing, "failure").getTextContent();
        // The object name is shown on one line: its newline is a visible "\n", it cannot fake a second finding.
        assertTrue(body.contains("- role " + SQL + "\\nrole admin\n"), body);
        assertFalse(body.contains("\nrole admin"), body);
        assertTrue(body.contains("Role " + SQL + " is a superuser"), body);
    }

    @Test
    void illegalControlCharactersDoNotBreakParsing() throws Exception {
        String xml = new JunitReportWriter().toXml(report());
        for (char c : xml.toCharArray()) {
            boolean legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xfffd);
            assertTrue(legal, () -> String.format("illegal XML character U+%04X in output", (int) c));
        }
        Document doc = parse(xml);
        Element error = only(children(children(doc.getDocumentElement(), "testsuite").get(0), "testcase").get(2), "error");
        // Attributes are single line: the newline is a visible "\n", not normalised away by the parser.
        assertEquals("line1\\nline2 \\u001b[2J \\u0000 \\u000b \\ud800 \\uffff end", error.getAttribute("message"));
        // Element text keeps the newline and escapes the rest visibly.
        assertEquals("line1\nline2 \\u001b[2J \\u0000 \\u000b \\ud800 \\uffff end", error.getTextContent());
    }

    @Test
    void xmlSafeKeepsValidSurrogatePairs() {
        assertEquals("a\uD83D\uDE00b", JunitReportWriter.xmlSafe("a\uD83D\uDE00b"));
        assertEquals("\\udc00x\\ud800", JunitReportWriter.xmlSafe("\udc00x\ud800"));
    }

    @Test
    void unreachableTargetWithResultsStillGetsConnectCase() throws Exception {
        ScanReport r = report();
        ScanReport onlyCache = new ScanReport(1, r.tool(), r.startedAt(), r.finishedAt(), List.of(r.targets().get(1)),
                List.of(new RuleResult("RD-SEC-001", "cache-1", Status.ERROR, ErrorReason.UNREACHABLE, null,
                        Severity.HIGH, Area.SECURITY, "requirepass is set", null, null, List.of())),
                List.of(), r.summary());
        Element suite = only(parse(new JunitReportWriter().toXml(onlyCache)).getDocumentElement(), "testsuite");
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("errors"));
        List<Element> cases = children(suite, "testcase");
        assertEquals("connect", cases.get(0).getAttribute("name"));
        Element error = only(cases.get(1), "error");
        assertEquals("unreachable", error.getAttribute("type"));
        assertEquals("unreachable", error.getAttribute("message"));
    }

    @Test
    void waivedFindingsAreMarkedAndNotCounted() throws Exception {
        ScanReport r = report();
        RuleResult fail = r.results().get(1);
        List<Finding> findings = List.of(fail.findings().get(0).withWaiver(
                        new AppliedWaiver("W-1", "accepted \n risk", LocalDate.parse("2026-12-31"), "dba")),
                fail.findings().get(1));
        RuleResult partlyWaived = new RuleResult(fail.ruleId(), fail.target(), Status.FAIL, null, null, fail.severity(),
                fail.area(), fail.title(), fail.remediationLanguage(), fail.effect(), findings);
        RuleResult allWaived = new RuleResult("PG-SEC-005", "pg-prod", Status.WAIVED, null, null, Severity.MEDIUM,
                Area.SECURITY, "Passwords expire", null, null, List.of(findings.get(0)));
        ScanReport s = new ScanReport(1, r.tool(), r.startedAt(), r.finishedAt(), List.of(r.targets().get(0)),
                List.of(partlyWaived, allWaived), List.of(), r.summary());
        Element suite = only(parse(new JunitReportWriter().toXml(s)).getDocumentElement(), "testsuite");
        List<Element> cases = children(suite, "testcase");
        Element failure = only(cases.get(0), "failure");
        assertEquals("1 finding(s): Role " + SQL + " is a superuser", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("  waived by W-1: accepted \\n risk\n"), failure.getTextContent());
        assertEquals("waived: accepted \\n risk", only(cases.get(1), "skipped").getAttribute("message"));
    }

    @Test
    void emptyReportIsWellFormed() throws Exception {
        Document doc = parse(new JunitReportWriter().toXml(new ScanReport(1, null, null, null, null, null, null, null)));
        assertEquals("0", doc.getDocumentElement().getAttribute("tests"));
        assertEquals(0, children(doc.getDocumentElement(), "testsuite").size());
    }

    @Test
    void writtenByReportWritersAsJunitXml(@TempDir Path dir) throws Exception {
        List<Path> written = ReportWriters.write(report(), Set.of(ReportFormat.JUNIT, ReportFormat.SARIF), dir);
        assertEquals(List.of(dir.resolve("report.sarif").toAbsolutePath(), dir.resolve("junit.xml").toAbsolutePath()),
                written);
        String xml = Files.readString(written.get(1), StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertEquals(new JunitReportWriter().toXml(report()), xml);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }
}
