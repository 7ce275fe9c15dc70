package io.dbaudit.reports;

import io.dbaudit.model.result.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    private final String html = new HtmlReportWriter().toHtml(SampleReports.hostile());

    @Test
    void hostileNamesAreEscaped() {
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("<script>alert(1)"));
        assertTrue(html.contains("evil&quot;; DROP TABLE t; --"));
        assertFalse(html.contains("evil\"; DROP"));
        // The newline in the object name is shown, not rendered as a line break.
        assertTrue(html.contains("<code>role evil&quot;; DROP TABLE t; --\\nrole admin</code>"));
        // The ESC in the title is made visible; no raw control character reaches the page.
        assertTrue(html.contains("\\u001b[2J"));
        assertFalse(html.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "no control characters");
    }

    @Test
    void onlyOurOwnInlineScriptAndNoExternalLoads() {
        assertEquals(1, count(html, "<script"), "exactly one script element");
        assertTrue(html.contains("<script>\n"), "the script is inline");
        for (String forbidden : List.of("<link", "<img", "<iframe", "<object", "<embed", " src=", "@import", "url(")) {
            assertFalse(html.contains(forbidden), "found " + forbidden);
        }
        // Absolute URLs occur only as reference links.
        String withoutLinks = html.replaceAll("<a href=\"https?://[^\"]*\" rel=\"noopener noreferrer\">", "");
        assertFalse(withoutLinks.contains("http://"));
        assertFalse(withoutLinks.contains("https://"));
        assertTrue(html.contains("<a href=\"https://www.postgresql.org/docs/current/role-attributes.html\""));
        // A javascript: reference from a rule pack is shown as text, never as a link.
        assertFalse(html.contains("href=\"javascript:"));
        assertTrue(html.contains("<li>Not a link</li>"));
    }

    @Test
    void contentSecurityPolicyPinsTheInlineStyleAndScript() throws Exception {
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(csp.find());
        String policy = csp.group(1).replace("&#39;", "'");
        assertTrue(policy.startsWith("default-src 'none';"), policy);
        assertTrue(policy.contains("script-src '" + sha256(between("<script>", "</script>")) + "'"), policy);
        assertTrue(policy.contains("style-src '" + sha256(between("<style>", "</style>")) + "'"), policy);
    }

    @Test
    void templateNeverDisablesEscaping() throws IOException {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream("/io/dbaudit/reports/report.ftlh")) {
            assertNotNull(in);
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(template.replaceAll("(?s)<#--.*?-->", "").contains("?no_esc"));
            assertFalse(template.contains("noAutoEsc"));
        }
    }

    @Test
    void headerShowsToolTimeTargetsAndSummary() {
        assertTrue(html.contains("<h1>dbaudit audit report</h1>"));
        assertTrue(html.contains("<dd>dbaudit 0.1.0</dd>"));
        assertTrue(html.contains("<time>2025-03-01 10:00:00 UTC</time>"));
        assertTrue(html.contains("<dt>Targets</dt><dd>2</dd>"));
        assertTrue(html.contains("1 failed check, 1 critical"));
        assertTrue(html.contains("<span class=\"n\">1</span><span class=\"badge sev-critical\">CRITICAL</span>"));
        assertTrue(html.contains("<span class=\"n\">0</span><span class=\"badge sev-high zero\">HIGH</span>"));
        assertTrue(html.contains("1 of 2 targets were not fully scanned"));
    }

    @Test
    void targetTableHasHeadersAndRows() {
        assertTrue(html.contains("<th scope=\"col\">Endpoint</th>"));
        assertTrue(html.contains("<th scope=\"row\"><a href=\"#target-1\">pg-prod</a></th>"));
        assertTrue(html.contains("<td class=\"mono\">postgresql://db1.example.internal:5432/postgres</td>"));
        assertTrue(html.contains("<span class=\"badge st-error\">UNREACHABLE</span>"));
        assertTrue(html.contains("No rules were evaluated: the target is unreachable (connection refused)."));
    }

    @Test
    void resultsAreGroupedByAreaThenSeverityWorstFirst() {
        int security = html.indexOf("<h3>Security");
        int critical = html.indexOf("<h4>CRITICAL</h4>", security);
        int high = html.indexOf("<h4>HIGH</h4>", security);
        int tuning = html.indexOf("<h3>Tuning");
        assertTrue(security > 0 && security < critical && critical < high && high < tuning,
                security + " " + critical + " " + high + " " + tuning);
    }

    @Test
    void failAndErrorAreOpenOthersClosed() {
        assertTrue(Pattern.compile("<details class=\"result fail-left\" open>\\s*<summary><span class=\"rule-id\">PG-SEC-002")
                .matcher(html).find());
        assertTrue(Pattern.compile("<details class=\"result error-left\" open>\\s*<summary><span class=\"rule-id\">PG-SEC-010")
                .matcher(html).find());
        assertTrue(Pattern.compile("<details class=\"result\">\\s*<summary><span class=\"rule-id\">PG-TUN-001")
                .matcher(html).find());
        // PASS results are listed compactly, not as a result block.
        assertTrue(html.contains("<summary>1 passed</summary>"));
        assertTrue(html.contains("<li><span class=\"rule-id\">PG-SEC-001</span>Password encryption is scram-sha-256"));
        assertFalse(html.contains("<span class=\"rule-id\">PG-SEC-001</span><span class=\"badge"));
    }

    @Test
    void errorAndSkippedShowTheirReason() {
        assertTrue(html.contains("<strong>Reason: privilege</strong> — pg_hba_file_rules: permission denied"));
        assertTrue(html.contains("<p class=\"reason skipped\">target parameter &#39;memory&#39; is not set</p>"));
    }

    @Test
    void findingsShowEvidenceRemediationRollbackAndEffect() {
        assertTrue(html.contains("<tr><th scope=\"row\">role</th><td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>"));
        assertTrue(html.contains("<pre>ALTER ROLE &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; NOSUPERUSER;</pre>"));
        assertTrue(html.contains("<span>Remediation (sql) · effect: online</span><button type=\"button\" class=\"copy\">Copy</button>"));
        assertTrue(html.contains("<span>Rollback</span>"));
        assertTrue(html.contains("Fix takes effect: online"));
        assertTrue(html.contains("<strong>Why it matters:</strong> A superuser bypasses every permission check"));
        assertTrue(html.contains("<span class=\"muted\">at pg_hba.conf:12</span>"));
    }

    @Test
    void writesAtomicallyIntoTheDirectory(@TempDir Path dir) throws IOException {
        List<Path> written = ReportWriters.write(SampleReports.hostile(), Set.of(ReportFormat.HTML, ReportFormat.JSON), dir);
        assertEquals(List.of(dir.resolve("report.json").toAbsolutePath(), dir.resolve("report.html").toAbsolutePath()),
                written);
        assertEquals(html, Files.readString(written.get(1)));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void rendersAReportWithNothingInIt() {
        String empty = new HtmlReportWriter().toHtml(new ScanReport(1, null, null, null, null, null, null, null));
        assertTrue(empty.contains("<td colspan=\"6\" class=\"muted\">No targets.</td>"));
        assertTrue(empty.contains("No failed checks"));
        assertTrue(empty.trim().endsWith("</html>"));
    }

    private String between(String open, String close) {
        int start = html.indexOf(open) + open.length();
        return html.substring(start, html.indexOf(close, start));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
    }
}
