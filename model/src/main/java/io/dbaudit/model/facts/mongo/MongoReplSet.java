package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

/**
 * The replica set as configured (replSetGetConfig) and seen (replSetGetStatus) from the scanned member.
 * {@code votingMembersCount} counts config members with votes greater than 0.
 */
public record MongoReplSet(String name, int configVersion, int membersCount, int votingMembersCount,
                           int arbitersCount, int myState) implements Fact {
}
