package io.dbaudit.engine.testing;

import io.dbaudit.engine.catalog.CatalogProblem;
import io.dbaudit.engine.catalog.Lifecycles;
import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.fixture.CaseOutcome;
import io.dbaudit.engine.fixture.CatalogContract;
import io.dbaudit.engine.fixture.FixtureRunner;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kie.api.KieBase;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one harness for rule packs: a contract test over the whole catalog, and every fixture case as its
 * own dynamic test. A pack's test class says where its sources are and which knowledge base runs them.
 */
public abstract class RulePackTests {

    /** The pack's files as written (DRL, metadata, fixtures). */
    protected abstract List<PackSource> sources();

    /** The knowledge base that holds the pack's compiled rules. */
    protected abstract KieBase knowledgeBase();

    private RuleCatalog catalog() {
        return RuleCatalog.load(sources());
    }

    @Test
    void catalogHonoursTheContract() {
        List<CatalogProblem> problems = CatalogContract.check(catalog());
        if (!problems.isEmpty()) {
            fail(problems.size() + " rule pack problem(s):\n  "
                    + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n  ")));
        }
        assertFalse(catalog().rules().isEmpty(), "the pack holds no rules");
    }

    @TestFactory
    Stream<DynamicNode> fixtures() {
        RuleCatalog catalog = catalog();
        AuditEngine engine = new AuditEngine(catalog, List.of(knowledgeBase()),
                Lifecycles.fromClasspath(getClass().getClassLoader()));
        FixtureRunner runner = new FixtureRunner(engine);
        return catalog.fixtures().stream().map(f -> DynamicContainer.dynamicContainer(f.ruleId(),
                runner.run(f).stream().map(o -> DynamicTest.dynamicTest(o.caseName(), () -> check(o)))));
    }

    private static void check(CaseOutcome o) {
        assertTrue(o.passed(), () -> o.location() + " case '" + o.caseName() + "':\n  "
                + String.join("\n  ", o.problems()));
    }
}
