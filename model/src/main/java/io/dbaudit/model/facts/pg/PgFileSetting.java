package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/**
 * One line of the configuration files as the server parsed them (pg_file_settings): includes entries it
 * did not apply and the error it found ("unrecognized configuration parameter"), which pg_settings hides.
 */
public record PgFileSetting(String sourceFile, int sourceLine, int seqno, String name, String setting,
                            boolean applied, String error) implements Fact {
    public String location() {
        return sourceFile + ":" + sourceLine;
    }
}
