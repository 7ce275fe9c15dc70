package io.dbaudit.engine.waiver;

import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.model.Area;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.WaiverNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaiversTest {
    static final LocalDate TODAY = LocalDate.parse("2026-06-01");
    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("waivers.yaml"), text);
    }

    private static RuleResult fail(String rule, String target, String... objects) {
        List<Finding> f = java.util.Arrays.stream(objects)
                .map(o -> new Finding("m " + o, o, Map.of(), null, null, rule + target + o, null)).toList();
        return new RuleResult(rule, target, Status.FAIL, null, null, Severity.HIGH, Area.SECURITY, "t", "sql", "online", f);
    }

    @Test
    void activeWaiverWaivesExpiredIsIgnoredAndReportedUnusedIsReported() throws Exception {
        List<Waiver> w = WaiverFile.load(file("""
                waivers:
                  - id: legacy
                    rule: PG-SEC-001
                    target: "pg-prod-*"
                    object: "role app_owner"
                    justification: "vendor app needs it until the 2027 migration"
                    expires: 2026-12-31
                    approver: alice
                  - rule: PG-SEC-010
                    tags: [lab]
                    justification: "lab machines are isolated"
                    expires: 2026-01-01
                  - id: stale
                    rule: PG-SEC-013
                    target: "*"
                    justification: "md5 accepted on the old network"
                    expires: 2026-09-01
                """));
        var out = WaiverApplier.apply(List.of(
                        fail("PG-SEC-001", "pg-prod-1", "role app_owner"),
                        fail("PG-SEC-001", "pg-prod-2", "role app_owner", "role other"),
                        fail("PG-SEC-010", "lab-1", "pg_hba.conf:3")),
                w, Map.of("lab-1", List.of("lab")), TODAY);
        assertEquals(Status.WAIVED, out.results().get(0).status());
        assertEquals("legacy", out.results().get(0).findings().get(0).waiver().id());
        assertEquals(Status.FAIL, out.results().get(1).status(), "one finding of two waived: still FAIL");
        assertTrue(out.results().get(1).findings().get(0).waived());
        assertEquals(Status.FAIL, out.results().get(2).status(), "expired waiver is ignored");
        assertEquals(List.of("expired:PG-SEC-010@9", "unused:stale"),
                out.notices().stream().map(n -> n.kind() + ":" + n.id()).toList());
        WaiverNotice expired = out.notices().get(0);
        assertTrue(expired.location().endsWith("waivers.yaml:9"), expired.location());
    }

    @Test
    void structuralErrorsNameFileAndLine() throws Exception {
        var e = assertThrows(InputException.class, () -> WaiverFile.load(file("""
                waivers:
                  - rule: PG-SEC-001
                    target: x
                    expires: 2026-12-31
                """)));
        assertTrue(e.getMessage().matches(".*waivers.yaml:2: waiver is missing 'justification'"), e.getMessage());
        e = assertThrows(InputException.class, () -> WaiverFile.load(file("""
                waivers:
                  - rule: PG-SEC-001
                    target: x
                    justification: because we said so
                    expires: next year
                """)));
        assertTrue(e.getMessage().contains("waivers.yaml:5: expires must be a date"), e.getMessage());
        e = assertThrows(InputException.class, () -> WaiverFile.load(file("""
                waivers:
                  - rule: PG-SEC-001
                    targte: x
                """)));
        assertTrue(e.getMessage().contains("waivers.yaml:3: unknown key 'targte'"), e.getMessage());
        e = assertThrows(InputException.class, () -> WaiverFile.load(file("waivers: [ {rule: x\n")));
        assertTrue(e.getMessage().contains("waivers.yaml:"), e.getMessage());
    }
}
