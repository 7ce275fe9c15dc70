package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

/** The server as seen by the scanning session. {@code versionNum} is server_version_num (e.g. 170002). */
public record PgServer(String version, int versionNum, String currentUser, String database, boolean inRecovery,
                       boolean sessionSuperuser) implements Fact {
    public int major() {
        return versionNum / 10000;
    }

    public int minor() {
        return versionNum % 100;
    }
}
