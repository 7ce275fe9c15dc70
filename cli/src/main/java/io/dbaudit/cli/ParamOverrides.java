package io.dbaudit.cli;

import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.model.rule.RuleMeta;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --param RULE.NAME=VALUE} into engine overrides. A value with commas becomes a list; an unknown
 * rule or parameter is bad input (a typo must not silently keep the default).
 */
final class ParamOverrides {
    private ParamOverrides() {
    }

    static Map<String, Object> of(Map<String, String> raw, RuleCatalog catalog) {
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new BadInputException("--param " + key + ": expected RULE-ID.name=value");
            }
            String ruleId = key.substring(0, dot);
            String name = key.substring(dot + 1);
            RuleMeta rule = catalog.rule(ruleId)
                    .orElseThrow(() -> new BadInputException("--param " + key + ": unknown rule " + ruleId));
            if (!rule.parameters().containsKey(name)) {
                throw new BadInputException("--param " + key + ": rule " + rule.id() + " has no parameter '" + name
                        + "' (it has " + rule.parameters().keySet() + ")");
            }
            Object v = value.contains(",") ? Arrays.stream(value.split(",")).map(String::trim).toList() : value;
            out.put(rule.id() + "." + name, v);
        });
        return out;
    }
}
