package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** Every Patroni fact kind; {@link io.dbaudit.model.facts.FactTypes} registers them by simple name. */
public final class PatroniFacts {
    public static final List<Class<? extends Fact>> KINDS = List.of(
            PatroniMember.class, PatroniCluster.class, PatroniDcsConfig.class, PatroniRestApi.class,
            PatroniDcs.class, PatroniSecret.class, PatroniHistory.class);

    private PatroniFacts() {
    }
}
