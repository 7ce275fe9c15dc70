package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.time.Instant;
import java.util.List;

/**
 * One role from pg_roles. {@code memberOf} lists every role it is a member of, directly or through other
 * roles (transitively), so a rule can see inherited superuser without recursion. {@code validUntil} is
 * null for "no expiry". {@code connLimit} -1 is unlimited.
 */
public record PgRole(String name, boolean login, boolean superuser, boolean createRole, boolean createDb,
                     boolean replication, boolean bypassRls, boolean inherit, Instant validUntil, int connLimit,
                     List<String> memberOf) implements Fact {
    public PgRole {
        memberOf = memberOf == null ? List.of() : List.copyOf(memberOf);
    }

    public boolean memberOf(String role) {
        return memberOf.contains(role);
    }

    public boolean expiredAt(Instant now) {
        return validUntil != null && validUntil.isBefore(now);
    }

    /** Seconds until VALID UNTIL, or Long.MAX_VALUE when the role never expires. */
    public long secondsUntilExpiry(Instant now) {
        return validUntil == null ? Long.MAX_VALUE : validUntil.getEpochSecond() - now.getEpochSecond();
    }

    /** A system role (pg_monitor, pg_read_all_settings, ...): never a login role we audit. */
    public boolean predefined() {
        return name.startsWith("pg_");
    }
}
