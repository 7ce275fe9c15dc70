package io.dbaudit.model.facts;

import io.dbaudit.model.facts.pg.PgConnection;
import io.dbaudit.model.facts.pg.PgExtension;
import io.dbaudit.model.facts.pg.PgFunction;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgLanguage;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgRolePassword;
import io.dbaudit.model.facts.pg.PgSchemaPrivilege;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every fact kind by name: fixtures, snapshots and rule metadata ({@code requires}) refer to kinds by their
 * simple class name. A new fact record is registered here once.
 */
public final class FactTypes {
    private static final Map<String, Class<? extends Fact>> BY_NAME = new LinkedHashMap<>();

    static {
        register(CollectionError.class);
        register(ScanContext.class);
        register(RuleParam.class);
        register(TlsCertificate.class);
        register(TlsState.class);
        register(VersionLifecycle.class);
        register(PgServer.class);
        register(PgSetting.class);
        register(PgRole.class);
        register(PgRolePassword.class);
        register(PgHbaEntry.class);
        register(PgExtension.class);
        register(PgSchemaPrivilege.class);
        register(PgFunction.class);
        register(PgLanguage.class);
        register(PgConnection.class);
    }

    private FactTypes() {
    }

    private static void register(Class<? extends Fact> type) {
        BY_NAME.put(type.getSimpleName(), type);
    }

    public static Optional<Class<? extends Fact>> byName(String kind) {
        return Optional.ofNullable(BY_NAME.get(kind));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
