package io.dbaudit.reports;

import io.dbaudit.model.Area;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSummaryTest {

    @Test
    void plainOutputHasNoEscapeCharactersAndShowsHostileTextLiterally() {
        String out = new ConsoleSummary(120, false).render(SampleReports.hostile());
        assertFalse(out.contains("\u001b"), out);
        assertTrue(out.contains("Superusers beyond the allow-list \\u001b[2J\\u001b[31m"), out);
    }

    @Test
    void targetRowsCountResultsByStatusAndFailedBySeverity() {
        List<String> lines = new ConsoleSummary(120, false).render(SampleReports.hostile()).lines().toList();
        assertEquals("TARGET   STATUS       PASS  FAIL  ERROR  SKIPPED  CRIT  HIGH  MED  LOW  INFO", lines.get(0));
        // worst first: the target that could not be scanned leads the roll-up
        assertEquals("cache-1  UNREACHABLE     0     0      0        0     0     0    0    0     0", lines.get(1));
        assertEquals("pg-prod  COMPLETE        1     1      1        1     1     0    0    0     0", lines.get(2));
        assertEquals("Failing rules:", lines.get(4));
        assertTrue(lines.get(5).startsWith("SEVERITY  RULE        TARGET   TITLE"), lines.get(5));
        assertTrue(lines.get(6).startsWith("CRITICAL  PG-SEC-002  pg-prod  Superusers"), lines.get(6));
        assertTrue(lines.get(6).endsWith(" 2"), "finding count last: " + lines.get(6));
    }

    @Test
    void colourIsOnlyOursAndNeverLetsCollectedEscapesThrough() {
        String out = new ConsoleSummary(120, true).render(SampleReports.hostile());
        assertTrue(out.contains("\u001b[1;31mCRITICAL\u001b[0m"), "severity coloured");
        assertFalse(out.contains("\u001b[2J"), "the title's clear-screen sequence is not passed through");
    }

    @Test
    void failingRulesAreSortedWorstFirstAndLimited() {
        ScanReport base = SampleReports.hostile();
        List<RuleResult> results = List.of(
                fail("R-LOW", Severity.LOW, 5), fail("R-HIGH-1", Severity.HIGH, 1), fail("R-CRIT", Severity.CRITICAL, 1),
                fail("R-HIGH-3", Severity.HIGH, 3), fail("R-MED", Severity.MEDIUM, 9));
        ScanReport report = new ScanReport(base.schemaVersion(), base.tool(), base.startedAt(), base.finishedAt(),
                base.targets(), results, List.of(), null);
        List<String> lines = new ConsoleSummary(100, false, 4).render(report).lines().toList();
        int header = lines.indexOf("Top 4 of 5 failing rules:");
        assertTrue(header > 0, String.join("\n", lines));
        List<String> ids = lines.subList(header + 2, header + 6).stream().map(l -> l.split("\\s+")[1]).toList();
        assertEquals(List.of("R-CRIT", "R-HIGH-3", "R-HIGH-1", "R-MED"), ids);
        assertTrue(lines.get(2).contains("     1     2    1    1     0"), "failed by severity: " + lines.get(2));
    }

    @Test
    void linesFitTheWidthByShorteningFlexibleColumns() {
        ScanReport base = SampleReports.hostile();
        RuleResult longTitle = new RuleResult("PG-SEC-099", "pg-prod", Status.FAIL, null, null, Severity.HIGH,
                Area.SECURITY, "A very long title ".repeat(10), "sql", "online",
                List.of(new Finding("m", "o", Map.of(), null, null, "f", null)));
        ScanReport report = new ScanReport(1, base.tool(), base.startedAt(), base.finishedAt(), base.targets(),
                List.of(longTitle), List.of(), null);
        String out = new ConsoleSummary(80, false).render(report);
        out.lines().forEach(line -> assertTrue(line.length() <= 80, line.length() + ": " + line));
        String row = out.lines().filter(l -> l.startsWith("HIGH")).findFirst().orElseThrow();
        assertTrue(row.contains("  A very long title A very long title ...  "), row);
        assertEquals(80, row.length(), "the title takes exactly the room that is left");
    }

    @Test
    void truncateCountsCodePoints() {
        assertEquals("ab", ConsoleSummary.truncate("ab", 5));
        assertEquals("\uD83D\uDE00\uD83D\uDE00...", ConsoleSummary.truncate("\uD83D\uDE00".repeat(10), 5));
    }

    private static RuleResult fail(String id, Severity severity, int findings) {
        List<Finding> list = java.util.stream.IntStream.range(0, findings)
                .mapToObj(i -> new Finding("m" + i, "o" + i, Map.of(), null, null, "f" + i, null)).toList();
        return new RuleResult(id, "pg-prod", Status.FAIL, null, null, severity, Area.SECURITY, "t " + id, "sql",
                "online", list);
    }

    @Test
    void theRollUpPutsTheTargetWithTheWorstFindingsFirst() {
        ScanReport base = SampleReports.hostile();
        var t = base.targets().get(0);
        var targets = List.of(
                new io.dbaudit.model.result.TargetInfo("calm", t.engine(), "e", "17", t.status(), null, 1),
                new io.dbaudit.model.result.TargetInfo("burning", t.engine(), "e", "17", t.status(), null, 1));
        List<RuleResult> results = List.of(at(fail("R-LOW", Severity.LOW, 1), "calm"), at(fail("R-CRIT", Severity.CRITICAL, 1), "burning"));
        ScanReport report = new ScanReport(base.schemaVersion(), base.tool(), base.startedAt(), base.finishedAt(),
                targets, results, List.of(), null);
        List<String> lines = new ConsoleSummary(100, false).render(report).lines().toList();
        assertTrue(lines.get(1).startsWith("burning"), String.join("\n", lines));
        assertTrue(lines.get(2).startsWith("calm"), String.join("\n", lines));
    }

    private static RuleResult at(RuleResult r, String target) {
        return new RuleResult(r.ruleId(), target, r.status(), r.reason(), r.detail(), r.severity(), r.area(), r.title(),
                r.remediationLanguage(), r.effect(), r.findings());
    }
}
