package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/**
 * The server as answered by buildInfo and hello. {@code process} is "mongod" or "mongos" (hello's
 * {@code msg: "isdbgrid"}); {@code setName} is the replica set name from hello, null on a standalone or a
 * mongos; {@code storageEngine} from serverStatus, null when not reported.
 */
public record MongoServer(String version, int major, int minor, String gitVersion, String storageEngine,
                          String process, String setName, boolean writablePrimary) implements Fact {

    public boolean mongos() {
        return "mongos".equals(process);
    }

    public boolean replicaSetMember() {
        return setName != null && !setName.isEmpty();
    }

    /**
     * The release series as one number, major * 100 + minor (4.4 is 404, 7.0 is 700): the key of the
     * {@code mongodb} rows in the shipped lifecycle table.
     */
    public int series() {
        return major * 100 + minor;
    }

    /** A 5.0+ release whose minor is not 0 is a Rapid Release (7.1, 7.3...), not meant for self-managed use. */
    public boolean rapidRelease() {
        return major >= 5 && minor != 0;
    }
}
