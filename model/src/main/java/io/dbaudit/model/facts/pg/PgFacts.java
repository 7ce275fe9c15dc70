package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/** Every PostgreSQL fact kind; {@link io.dbaudit.model.facts.FactTypes} registers them by simple name. */
public final class PgFacts {
    public static final List<Class<? extends Fact>> KINDS = List.of(
            PgServer.class, PgSetting.class, PgRole.class, PgRolePassword.class, PgHbaEntry.class,
            PgExtension.class, PgSchemaPrivilege.class, PgFunction.class, PgLanguage.class, PgConnection.class,
            PgDatabase.class, PgStatDatabase.class, PgTable.class, PgIndex.class, PgForeignKey.class, PgBackend.class,
            PgPreparedXact.class, PgSequence.class, PgReplicationClient.class, PgReplicaStatus.class,
            PgReplicationSlot.class, PgArchiver.class, PgCheckpoint.class, PgFileSetting.class);

    private PgFacts() {
    }
}
