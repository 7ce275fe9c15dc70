package io.dbaudit.engine.eval;

import io.dbaudit.model.rule.FindingSink;
import org.kie.api.runtime.rule.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code findings} global: gathers what the consequences of one session record. */
final class CollectingSink implements FindingSink {
    private static final Pattern ID_PREFIX = Pattern.compile("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
    private final List<RawFinding> findings = new ArrayList<>();

    @Override
    public void fail(Object ruleContext, String object, Object... evidence) {
        if (evidence.length % 2 != 0) {
            throw new IllegalArgumentException("evidence must alternate keys and values");
        }
        Map<String, String> ev = new LinkedHashMap<>();
        for (int i = 0; i < evidence.length; i += 2) {
            ev.put(String.valueOf(evidence[i]), evidence[i + 1] == null ? "" : String.valueOf(evidence[i + 1]));
        }
        findings.add(new RawFinding(ruleId(ruleContext), object, ev));
    }

    /** The rule id is the {@code @id} metadata when present, else the id the rule name starts with. */
    static String ruleId(Object ruleContext) {
        var rule = ((RuleContext) ruleContext).getRule();
        Object meta = rule.getMetaData().get("id");
        if (meta != null) {
            return String.valueOf(meta).replace("\"", "");
        }
        String id = idPrefix(rule.getName());
        if (id == null) {
            throw new IllegalStateException("rule '" + rule.getName() + "' has no @id and its name does not start with one");
        }
        return id;
    }

    static String idPrefix(String ruleName) {
        Matcher m = ID_PREFIX.matcher(ruleName);
        return m.find() ? m.group() : null;
    }

    List<RawFinding> findings() {
        return findings;
    }
}
