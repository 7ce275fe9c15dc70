package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One user from usersInfo. {@code roles} are the directly granted roles as {@code role@db}
 * ("root@admin"); {@code mechanisms} the SCRAM credentials stored for the user (empty for $external users).
 */
public record MongoUser(String db, String user, List<String> roles, List<String> mechanisms) implements Fact {
    public MongoUser {
        roles = roles == null ? List.of() : List.copyOf(roles);
        mechanisms = mechanisms == null ? List.of() : List.copyOf(mechanisms);
    }

    /** "user@db", how MongoDB itself names a user. */
    public String qualified() {
        return user + "@" + db;
    }

    public boolean hasRole(String roleAtDb) {
        return roles.contains(roleAtDb);
    }

    public boolean hasMechanism(String mechanism) {
        return mechanisms.contains(mechanism);
    }

    /** Users authenticated elsewhere (x.509, LDAP, Kerberos) hold no SCRAM credentials. */
    public boolean external() {
        return "$external".equals(db);
    }
}
