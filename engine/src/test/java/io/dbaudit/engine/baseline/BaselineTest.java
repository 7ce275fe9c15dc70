package io.dbaudit.engine.baseline;

import io.dbaudit.model.Area;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.ToolInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselineTest {
    private static RuleResult result(String rule, String target, Status status, String... fingerprints) {
        List<Finding> f = java.util.Arrays.stream(fingerprints)
                .map(fp -> new Finding("m", "obj " + fp, Map.of(), null, null, fp, null)).toList();
        return new RuleResult(rule, target, status, null, null, Severity.HIGH, Area.SECURITY, "t", "sql", "online", f);
    }

    private static ScanReport report(List<RuleResult> results) {
        return new ScanReport(1, new ToolInfo("dbaudit", "t"), Instant.EPOCH, Instant.EPOCH, List.of(), results,
                List.of(), null);
    }

    @Test
    void findingsAreNewOrExistingAndGoneOnesAreFixedOnlyWhereReEvaluated() {
        ScanReport before = report(List.of(result("R-1", "a", Status.FAIL, "f1", "f2"),
                result("R-2", "b", Status.FAIL, "f3")));
        var out = Baseline.compare(List.of(result("R-1", "a", Status.FAIL, "f1", "f4"),
                result("R-2", "b", Status.ERROR)), before);
        assertEquals(List.of(Finding.EXISTING, Finding.NEW),
                out.results().get(0).findings().stream().map(Finding::baseline).toList());
        assertEquals(List.of("f2"), out.fixed().stream().map(f -> f.fingerprint()).toList(),
                "f3's rule ended in ERROR: not re-evaluated, so not fixed");
    }
}
