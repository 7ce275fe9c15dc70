package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * One privilege on a schema from its ACL, per database. {@code grantee} is "PUBLIC" for the public
 * pseudo-role. {@code privilege} is USAGE or CREATE.
 */
public record PgSchemaPrivilege(String database, String schema, String grantee, String privilege,
                                boolean grantable) implements Fact {
}
