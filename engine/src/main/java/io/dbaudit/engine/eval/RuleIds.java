package io.dbaudit.engine.eval;

import org.kie.api.KieBase;

import java.util.Set;
import java.util.stream.Collectors;

/** The rule ids a knowledge base holds (from {@code @id} or the rule name's prefix). */
public final class RuleIds {
    private RuleIds() {
    }

    public static Set<String> of(KieBase base) {
        return base.getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .map(r -> {
                    Object id = r.getMetaData().get("id");
                    return id != null ? String.valueOf(id).replace("\"", "") : CollectingSink.idPrefix(r.getName());
                })
                .filter(id -> id != null)
                .collect(Collectors.toSet());
    }
}
