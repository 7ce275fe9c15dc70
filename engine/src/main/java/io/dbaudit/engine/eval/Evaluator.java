package io.dbaudit.engine.eval;

import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.model.facts.RuleParam;
import io.dbaudit.model.facts.ScanContext;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.rule.RuleMeta;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the rules over one target's facts: a fresh Drools session per target and knowledge base, with the
 * scan clock and every rule parameter (default or override) inserted as facts.
 */
public final class Evaluator {
    /** A guard against a user's rule that keeps re-activating itself. */
    private static final int MAX_FIRINGS = 1_000_000;

    private final RuleCatalog catalog;
    private final List<KieBase> bases;

    public Evaluator(RuleCatalog catalog, List<KieBase> bases) {
        this.catalog = catalog;
        this.bases = List.copyOf(bases);
    }

    /**
     * @param overrides parameter values keyed "RULE-ID.name", replacing the defaults of the rule's YAML
     */
    public List<RawFinding> evaluate(TargetFacts target, Instant now, Map<String, Object> overrides) {
        List<RawFinding> out = new ArrayList<>();
        for (KieBase base : bases) {
            CollectingSink sink = new CollectingSink();
            KieSession session = base.newKieSession();
            try {
                if (declaresFindings(base)) {
                    session.setGlobal("findings", sink);
                }
                session.insert(new ScanContext(now, target.target().id()));
                for (RuleMeta m : catalog.rules()) {
                    m.parameters().forEach((name, dflt) ->
                            session.insert(new RuleParam(m.id(), name, overrides.getOrDefault(m.id() + "." + name, dflt))));
                }
                target.facts().forEach(session::insert);
                session.fireAllRules(MAX_FIRINGS);
            } finally {
                session.dispose();
            }
            out.addAll(sink.findings());
        }
        return out;
    }

    private static boolean declaresFindings(KieBase base) {
        return base.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals("findings"));
    }
}
