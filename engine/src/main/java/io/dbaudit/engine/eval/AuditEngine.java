package io.dbaudit.engine.eval;

import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Status;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.rule.RuleMeta;
import org.kie.api.KieBase;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Facts in, one result per applicable rule out. Knows nothing of how facts were collected. */
public final class AuditEngine {
    private final RuleCatalog catalog;
    private final Evaluator evaluator;
    private final ResultAssembler assembler = new ResultAssembler();
    private final List<? extends Fact> sharedFacts;

    /**
     * @param sharedFacts facts that are the same for every target (version lifecycle tables shipped with
     *                    the rules)
     */
    public AuditEngine(RuleCatalog catalog, List<KieBase> bases, List<? extends Fact> sharedFacts) {
        this.catalog = catalog;
        this.evaluator = new Evaluator(catalog, bases);
        this.sharedFacts = List.copyOf(sharedFacts);
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    public List<RuleResult> audit(TargetFacts target, Instant now, Map<String, Object> overrides) {
        TargetFacts all = withShared(target);
        List<RawFinding> raw;
        try {
            raw = evaluator.evaluate(all, now, overrides);
        } catch (RuntimeException e) {
            // A rule that throws on an unexpected fact value must not take the whole scan down, nor leave
            // this target looking clean: every rule of the target is ERROR and says why.
            String why = "rule evaluation failed: " + firstLine(e);
            return catalog.rules().stream()
                    .filter(m -> m.appliesTo(target.target().engine()))
                    .map(m -> new RuleResult(m.id(), target.target().id(), Status.ERROR, ErrorReason.ERROR, why,
                            m.severity(), m.area(), m.title(), m.remediation() == null ? null : m.remediation().language(),
                            m.remediation() == null ? null : m.remediation().effect(), List.of()))
                    .toList();
        }
        return catalog.rules().stream()
                .filter(m -> m.appliesTo(target.target().engine()))
                .map(m -> assembler.assemble(m, all, raw, overrides))
                .toList();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** One rule only: what the fixture harness checks. */
    public RuleResult audit(RuleMeta rule, TargetFacts target, Instant now, Map<String, Object> overrides) {
        TargetFacts all = withShared(target);
        return assembler.assemble(rule, all, evaluator.evaluate(all, now, overrides), overrides);
    }

    private TargetFacts withShared(TargetFacts target) {
        if (sharedFacts.isEmpty()) {
            return target;
        }
        List<Fact> facts = new java.util.ArrayList<>(target.facts());
        facts.addAll(sharedFacts);
        return new TargetFacts(target.target(), target.version(), facts, target.collected());
    }
}
