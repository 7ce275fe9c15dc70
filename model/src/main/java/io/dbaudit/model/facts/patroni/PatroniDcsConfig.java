package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

import java.util.List;
import java.util.Map;

/**
 * Patroni's dynamic (DCS-stored) configuration: from {@code GET /config}, or from {@code bootstrap.dcs} of a
 * patroni.yml. Every field is null when the key is absent, so rules can tell "unset" from a value; the
 * {@code effective*} helpers apply Patroni 3.x defaults. {@code parameters} are postgresql.parameters as raw
 * text; {@code pgHba} the postgresql.pg_hba lines. {@code location} is "dcs:/config" or "patroni.yml:LINE".
 */
public record PatroniDcsConfig(String location, Integer ttl, Integer loopWait, Integer retryTimeout,
                               Long maximumLagOnFailover, Boolean synchronousMode, Boolean synchronousModeStrict,
                               Boolean usePgRewind, Boolean useSlots, Map<String, String> parameters,
                               List<String> pgHba) implements Fact {
    /** Patroni's defaults: ttl 30, loop_wait 10, retry_timeout 10, maximum_lag_on_failover 1 MiB. */
    public static final int DEFAULT_TTL = 30;
    public static final int DEFAULT_LOOP_WAIT = 10;
    public static final int DEFAULT_RETRY_TIMEOUT = 10;
    public static final long DEFAULT_MAXIMUM_LAG_ON_FAILOVER = 1_048_576L;

    public PatroniDcsConfig {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        pgHba = pgHba == null ? List.of() : List.copyOf(pgHba);
    }

    public int effectiveTtl() {
        return ttl == null ? DEFAULT_TTL : ttl;
    }

    public int effectiveLoopWait() {
        return loopWait == null ? DEFAULT_LOOP_WAIT : loopWait;
    }

    public int effectiveRetryTimeout() {
        return retryTimeout == null ? DEFAULT_RETRY_TIMEOUT : retryTimeout;
    }

    public long effectiveMaximumLagOnFailover() {
        return maximumLagOnFailover == null ? DEFAULT_MAXIMUM_LAG_ON_FAILOVER : maximumLagOnFailover;
    }

    public boolean synchronous() {
        return Boolean.TRUE.equals(synchronousMode);
    }

    public boolean pgRewind() {
        return Boolean.TRUE.equals(usePgRewind);
    }
}
