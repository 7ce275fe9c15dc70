package io.dbaudit.model.rule;

/**
 * What a DRL consequence calls to record a finding: {@code findings.fail(kcontext, object, "key", value, ...)}.
 * The first argument is Drools' rule context, typed as Object so this module stays free of Drools; the
 * engine reads the rule id from it. {@code evidence} alternates keys and values.
 */
public interface FindingSink {
    void fail(Object ruleContext, String object, Object... evidence);
}
