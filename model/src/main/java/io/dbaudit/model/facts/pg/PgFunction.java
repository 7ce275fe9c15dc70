package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * A SECURITY DEFINER function (only those are collected: the rest carry no privilege risk).
 * {@code identity} is the signature as pg_get_function_identity_arguments gives it;
 * {@code searchPathSet} tells whether proconfig pins search_path.
 */
public record PgFunction(String database, String schema, String name, String identity, String owner,
                         String language, boolean securityDefiner, boolean searchPathSet, String extension)
        implements Fact {
    public boolean fromExtension() {
        return extension != null;
    }
}
