package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * How a role's password is stored: "scram-sha-256", "md5", "plain" or "none". Read from pg_authid,
 * which needs superuser; the hash itself is never kept.
 */
public record PgRolePassword(String role, String type) implements Fact {
}
