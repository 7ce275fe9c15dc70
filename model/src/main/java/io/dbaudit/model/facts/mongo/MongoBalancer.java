package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/** balancerStatus on a mongos: {@code mode} is "full" or "off" (older releases also "autoSplitOnly"). */
public record MongoBalancer(String mode, boolean inBalancerRound) implements Fact {
    public boolean enabled() {
        return "full".equals(mode);
    }
}
