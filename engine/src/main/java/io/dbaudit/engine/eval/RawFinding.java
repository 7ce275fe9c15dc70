package io.dbaudit.engine.eval;

import java.util.Map;

/** What a DRL consequence recorded: the rule, the object, and evidence as ordered key/values. */
public record RawFinding(String ruleId, String object, Map<String, String> evidence) {
}
