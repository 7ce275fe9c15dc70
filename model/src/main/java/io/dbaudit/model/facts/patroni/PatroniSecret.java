package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

/**
 * A password (or token) written in plain text in patroni.yml. Holds WHERE it is — the YAML path such as
 * {@code postgresql.authentication.superuser.password} and the line — and never the value.
 * {@code category}: postgresql, restapi, ctl, dcs, conninfo (a password= inside a connection string), other.
 */
public record PatroniSecret(String file, int line, String path, String category) implements Fact {
    public String location() {
        return (file == null ? "patroni.yml" : file) + ":" + line;
    }
}
