package io.dbaudit.engine.gate;

import io.dbaudit.model.Area;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.model.result.ToolInfo;
import io.dbaudit.engine.report.ReportBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GateTest {
    private static ScanReport report(TargetStatus ts, Status status, Severity sev) {
        var t = List.of(new TargetInfo("t", EngineKind.POSTGRESQL, "e", "17", ts, null, 1));
        var findings = status == Status.FAIL ? List.of(new Finding("m", "o", Map.of(), null, null, "fp", null)) : List.<Finding>of();
        var r = List.of(new RuleResult("X-1", "t", status, null, null, sev, Area.SECURITY, "x", "sql", "online", findings));
        return ReportBuilder.build(new ToolInfo("dbaudit", "test"), Instant.EPOCH, Instant.EPOCH, t, r, List.of());
    }

    @Test
    void gateFailsAtOrAboveThresholdOnly() {
        assertEquals(Gate.Outcome.FINDINGS_AT_OR_ABOVE_THRESHOLD,
                Gate.evaluate(report(TargetStatus.COMPLETE, Status.FAIL, Severity.HIGH), Optional.of(Severity.HIGH), false));
        assertEquals(Gate.Outcome.PASSED,
                Gate.evaluate(report(TargetStatus.COMPLETE, Status.FAIL, Severity.MEDIUM), Optional.of(Severity.HIGH), false));
        assertEquals(Gate.Outcome.PASSED,
                Gate.evaluate(report(TargetStatus.COMPLETE, Status.FAIL, Severity.CRITICAL), Optional.empty(), false));
    }

    @Test
    void unreachableTargetsAlwaysMakeTheRunIncompleteErrorsOnlyWhenAsked() {
        assertEquals(Gate.Outcome.INCOMPLETE,
                Gate.evaluate(report(TargetStatus.UNREACHABLE, Status.PASS, Severity.LOW), Optional.empty(), false));
        assertEquals(Gate.Outcome.PASSED,
                Gate.evaluate(report(TargetStatus.PARTIAL, Status.ERROR, Severity.LOW), Optional.empty(), false));
        assertEquals(Gate.Outcome.INCOMPLETE,
                Gate.evaluate(report(TargetStatus.PARTIAL, Status.ERROR, Severity.LOW), Optional.empty(), true));
    }

    @Test
    void onlyNewFindingsCountWithABaselineAndWaivedOnesNever() {
        ScanReport existing = report(TargetStatus.COMPLETE, Status.FAIL, Severity.HIGH);
        RuleResult r = existing.results().get(0);
        var markedExisting = List.of(new RuleResult(r.ruleId(), r.target(), r.status(), null, null, r.severity(), r.area(),
                r.title(), "sql", "online", List.of(r.findings().get(0).withBaseline(Finding.EXISTING))));
        ScanReport withExisting = existing.withResults(markedExisting, existing.summary(), List.of(), List.of());
        assertEquals(Gate.Outcome.PASSED, Gate.evaluate(withExisting, Optional.of(Severity.LOW), false, true));
        assertEquals(Gate.Outcome.FINDINGS_AT_OR_ABOVE_THRESHOLD,
                Gate.evaluate(withExisting, Optional.of(Severity.LOW), false, false));
    }
}
