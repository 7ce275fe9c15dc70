package io.dbaudit.engine.eval;

import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.engine.catalog.RuleCatalogTest;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Status;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.result.RuleResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's pack compiled from DRL at run time, evaluated end to end. */
class AuditEngineTest {
    static final String DRL = """
            package x;
            import io.dbaudit.model.facts.pg.PgRole;
            global io.dbaudit.model.rule.FindingSink findings;
            rule "X-SEC-001 login roles"
            when
                $r : PgRole(login, !predefined())
            then
                findings.fail(kcontext, "role " + $r.name(), "role", $r.name());
            end
            """;

    private final Target target = new Target("t1", EngineKind.POSTGRESQL, "postgresql://h/db", Map.of());

    private AuditEngine engine() {
        List<PackSource> pack = List.of(new PackSource("pack", "x/X-SEC-001.yaml", RuleCatalogTest.GOOD),
                new PackSource("pack", "x/X-SEC-001.drl", DRL));
        return new AuditEngine(RuleCatalog.load(pack), List.of(KieBases.compile(pack.subList(1, 2))), List.of());
    }

    private static PgRole role(String name) {
        return new PgRole(name, true, false, false, false, false, false, true, null, -1, List.of());
    }

    @Test
    void findingsAreRenderedWithQuotedRemediationAndStableFingerprints() {
        RuleResult r = engine().audit(new TargetFacts(target, "17", List.of(role("a\"b"), role("pg_monitor")), Set.of()),
                Instant.EPOCH, Map.of()).get(0);
        assertEquals(Status.FAIL, r.status());
        assertEquals(1, r.findings().size());
        assertEquals("ALTER ROLE \"a\"\"b\" NOLOGIN;", r.findings().get(0).remediation());
        assertEquals(ResultAssembler.fingerprint("X-SEC-001", "t1", "role a\"b"), r.findings().get(0).fingerprint());
    }

    @Test
    void deniedFactsGiveErrorWithTheCollectorsReasonNeverPass() {
        RuleResult r = engine().audit(new TargetFacts(target, "17",
                List.of(new CollectionError("PgRole", ErrorReason.PRIVILEGE, "permission denied")), Set.of()),
                Instant.EPOCH, Map.of()).get(0);
        assertEquals(Status.ERROR, r.status());
        assertEquals(ErrorReason.PRIVILEGE, r.reason());
    }

    @Test
    void factsNeverCollectedAreMissingAndCollectedEmptyIsPass() {
        AuditEngine e = engine();
        assertEquals(ErrorReason.MISSING, e.audit(new TargetFacts(target, null, List.of(), Set.of()), Instant.EPOCH,
                Map.of()).get(0).reason());
        assertEquals(Status.PASS, e.audit(new TargetFacts(target, null, List.of(), Set.of("PgRole")), Instant.EPOCH,
                Map.of()).get(0).status());
    }

    @Test
    void compileErrorsNameFileAndLine() {
        var ex = assertThrows(RuleCompilationException.class, () -> KieBases.compile(List.of(
                new PackSource("/my/pack", "x/X-SEC-001.drl", DRL.replace("PgRole(login", "NoSuchType(login")))));
        assertTrue(ex.getMessage().contains("/my/pack/x/X-SEC-001.drl:"), ex.getMessage());
    }

    @Test
    void configFileTargetsSkipRulesNeedingLiveFacts() {
        Target file = new Target("conf", EngineKind.POSTGRESQL, "file:postgresql.conf",
                Map.of(Target.SOURCE, Target.SOURCE_CONFIG_FILE));
        RuleResult r = engine().audit(new TargetFacts(file, null, List.of(), Set.of()), Instant.EPOCH, Map.of()).get(0);
        assertEquals(Status.SKIPPED, r.status());
        assertEquals(ErrorReason.STATIC, r.reason());
    }

    @Test
    void aRuleThatThrowsMakesItsTargetErrorInsteadOfCrashingTheScan() {
        String throwing = DRL.replace("$r : PgRole(login, !predefined())", "$r : PgRole(login, name.substring(99) != null)");
        List<PackSource> pack = List.of(new PackSource("pack", "x/X-SEC-001.yaml", RuleCatalogTest.GOOD),
                new PackSource("pack", "x/X-SEC-001.drl", throwing));
        AuditEngine e = new AuditEngine(RuleCatalog.load(pack), List.of(KieBases.compile(pack.subList(1, 2))), List.of());
        RuleResult r = e.audit(new TargetFacts(target, "17", List.of(role("app")), Set.of()), Instant.EPOCH, Map.of()).get(0);
        assertEquals(Status.ERROR, r.status());
        assertEquals(ErrorReason.ERROR, r.reason());
        assertTrue(r.detail().startsWith("rule evaluation failed"), r.detail());
    }
}
