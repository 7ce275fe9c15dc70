package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One user-defined role from rolesInfo (showPrivileges). {@code privileges} summarises each privilege as
 * {@code resource:action,action} where resource is {@code db.collection}, {@code db.*}, {@code *.*} or
 * {@code cluster}; {@code inheritedRoles} lists every role it inherits as {@code role@db}.
 */
public record MongoRole(String db, String role, List<String> privileges, List<String> inheritedRoles,
                        boolean builtin) implements Fact {
    public MongoRole {
        privileges = privileges == null ? List.of() : List.copyOf(privileges);
        inheritedRoles = inheritedRoles == null ? List.of() : List.copyOf(inheritedRoles);
    }

    public String qualified() {
        return role + "@" + db;
    }

    public boolean inherits(String roleAtDb) {
        return inheritedRoles.contains(roleAtDb);
    }
}
