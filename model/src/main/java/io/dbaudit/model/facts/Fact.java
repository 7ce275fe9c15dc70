package io.dbaudit.model.facts;

/**
 * One observed thing on one target (a setting, a role, an hba line...). Facts are observations, never
 * judgements: the judgement lives in the rules. The kind is the simple class name and is what rule
 * metadata lists under {@code requires}.
 */
public interface Fact {
    default String kind() {
        return getClass().getSimpleName();
    }
}
