package io.dbaudit.engine.catalog;

import io.dbaudit.engine.fixture.CatalogContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract reports every problem of a broken pack at once, each naming its file. */
public class RuleCatalogTest {
    public static final String GOOD = """
            id: X-SEC-001
            title: t
            severity: high
            area: security
            engines: [postgresql]
            requires: [PgRole]
            rationale: r
            message: "m {{role}}"
            remediation: {language: sql, effect: online, template: "ALTER ROLE {{ident:role}} NOLOGIN;"}
            references: [{title: doc, url: "https://example.org/doc"}]
            """;

    private static PackSource src(String name, String text) {
        return new PackSource("pack", name, text);
    }

    @Test
    void aCompletePackHasNoProblems() {
        RuleCatalog c = RuleCatalog.load(List.of(src("x/X-SEC-001.yaml", GOOD), src("x/X-SEC-001.drl", "package x;"),
                src("x/X-SEC-001.test.yaml", """
                        rule: X-SEC-001
                        cases:
                          - {name: f, expect: FAIL}
                          - {name: p, expect: PASS}
                          - {name: e, expect: ERROR}
                        """)));
        assertEquals(List.of(), CatalogContract.check(c));
        assertEquals(1, c.rules().size());
    }

    @Test
    void everyProblemIsListedOnce() {
        RuleCatalog c = RuleCatalog.load(List.of(
                src("x/X-SEC-001.yaml", GOOD.replace("{{ident:role}}", "{{role}}")),
                src("x/X-SEC-002.yaml", GOOD.replace("X-SEC-001", "X-SEC-002").replace("severity: high\n", "")
                        .replace("PgRole", "NoSuchFact")),
                src("y/X-SEC-002.yaml", GOOD.replace("X-SEC-001", "X-SEC-002")),
                src("x/X-SEC-003.yaml", "id: X-SEC-003\ntitel: typo\n"),
                src("x/X-SEC-009.drl", "package x;"),
                src("x/X-SEC-001.test.yaml", "rule: X-SEC-001\ncases:\n  - {name: f, expect: FAIL}\n")));
        List<String> problems = CatalogContract.check(c).stream().map(CatalogProblem::toString).toList();
        String all = String.join("\n", problems);
        assertTrue(all.contains("inserts {{role}} without a quoting filter"), all);
        assertTrue(all.contains("pack/x/X-SEC-002.yaml: severity is missing"), all);
        assertTrue(all.contains("requires unknown fact kind NoSuchFact"), all);
        assertTrue(all.contains("duplicate rule id X-SEC-002"), all);
        assertTrue(all.matches("(?s).*pack/x/X-SEC-003.yaml:\\d+: invalid rule metadata: Unrecognized field \"titel\".*"), all);
        assertTrue(all.contains("no X-SEC-009.yaml metadata for this DRL"), all);
        assertTrue(all.contains("no X-SEC-001.drl beside the metadata"), all);
        assertTrue(all.contains("X-SEC-001.test.yaml: no PASS case"), all);
        assertTrue(all.contains("X-SEC-001.test.yaml: no ERROR case"), all);
        assertTrue(all.contains("no X-SEC-002.test.yaml fixture"), all);
    }
    @Test
    void mongoshTemplatesOnlyTakeQuotedValues() {
        String mongosh = GOOD.replace("engines: [postgresql]", "engines: [mongodb]").replace("PgRole", "MongoIndex")
                .replace("remediation: {language: sql, effect: online, template: \"ALTER ROLE {{ident:role}} NOLOGIN;\"}",
                        "remediation: {language: mongosh, effect: online,"
                                + " template: \"db.getSiblingDB({{db}}).getCollection({{json:collection}}).dropIndex({{json:index}})\","
                                + " rollback: \"db.getSiblingDB({{json:db}}).getCollection({{collection}})\"}");
        RuleCatalog bare = RuleCatalog.load(List.of(src("x/X-SEC-001.yaml", mongosh)));
        String all = String.join("\n", bare.problems().stream().map(CatalogProblem::toString).toList());
        assertTrue(all.contains("remediation.template inserts {{db}} without a quoting filter"), all);
        assertTrue(all.contains("remediation.rollback inserts {{collection}} without a quoting filter"), all);
        assertFalse(all.contains("{{index}}"), all);

        RuleCatalog quoted = RuleCatalog.load(List.of(src("x/X-SEC-001.yaml",
                mongosh.replace("{{db}}", "{{json:db}}").replace("{{collection}}", "{{json:collection}}")),
                src("x/X-SEC-001.drl", "package x;")));
        assertEquals(List.of(), quoted.problems());
    }

    @Test
    void redisCliTemplatesOnlyTakeQuotedValues() {
        String redis = GOOD.replace("engines: [postgresql]", "engines: [redis]").replace("PgRole", "RedisAclUser")
                .replace("language: sql", "language: redis-cli")
                .replace("ALTER ROLE {{ident:role}} NOLOGIN;", "ACL SETUSER {{user}} -@dangerous");
        RuleCatalog c = RuleCatalog.load(List.of(src("x/X-SEC-001.yaml", redis), src("x/X-SEC-001.drl", "package x;")));
        String all = String.join("\n", c.problems().stream().map(CatalogProblem::toString).toList());
        assertTrue(all.contains("remediation.template inserts {{user}} without a quoting filter"), all);
        RuleCatalog ok = RuleCatalog.load(List.of(src("x/X-SEC-001.yaml", redis.replace("{{user}}", "{{redis:user}}")),
                src("x/X-SEC-001.drl", "package x;")));
        assertEquals(List.of(), ok.problems());
    }
}
