package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.InspectingTls;
import io.dbaudit.collectors.TargetUrls;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Passwords;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.collectors.backup.BackupSources;
import io.dbaudit.collectors.host.HostResourcesSource;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.BackupStatus;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.HostResources;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.pg.PgArchiver;
import io.dbaudit.model.facts.pg.PgBackend;
import io.dbaudit.model.facts.pg.PgCheckpoint;
import io.dbaudit.model.facts.pg.PgFileSetting;
import io.dbaudit.model.facts.pg.PgConnection;
import io.dbaudit.model.facts.pg.PgDatabase;
import io.dbaudit.model.facts.pg.PgExtension;
import io.dbaudit.model.facts.pg.PgForeignKey;
import io.dbaudit.model.facts.pg.PgFunction;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgIndex;
import io.dbaudit.model.facts.pg.PgLanguage;
import io.dbaudit.model.facts.pg.PgPreparedXact;
import io.dbaudit.model.facts.pg.PgReplicaStatus;
import io.dbaudit.model.facts.pg.PgReplicationClient;
import io.dbaudit.model.facts.pg.PgReplicationSlot;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgRolePassword;
import io.dbaudit.model.facts.pg.PgSchemaPrivilege;
import io.dbaudit.model.facts.pg.PgSequence;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import io.dbaudit.model.facts.pg.PgStatDatabase;
import io.dbaudit.model.facts.pg.PgTable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Collects PostgreSQL facts over read-only pgjdbc sessions: cluster-wide kinds over one session to the
 * target database, per-database kinds over one session to each database we may connect to, and TLS over a
 * bare socket. Each kind is read on its own, so a denied or failed read costs only that kind.
 */
public final class PostgresCollector implements Collector {
    /** Kinds read from every database's own catalog. */
    private static final List<Class<?>> PER_DATABASE =
            List.of(PgExtension.class, PgSchemaPrivilege.class, PgFunction.class, PgLanguage.class, PgTable.class,
                    PgIndex.class, PgForeignKey.class, PgSequence.class);

    @Override
    public EngineKind engine() {
        return EngineKind.POSTGRESQL;
    }

    @Override
    public List<String> schemes() {
        return List.of("postgresql", "postgres");
    }

    @Override
    public Target parseTarget(String url) {
        return TargetUrls.parse(url);
    }

    @Override
    public TargetFacts collect(Target target, PasswordSource passwordSource, CollectOptions options)
            throws TargetUnavailableException {
        return collect(target, Passwords.resolve(passwordSource, target), options);
    }

    /** With the password already resolved (tests and callers that resolve it themselves). */
    public TargetFacts collect(Target target, Optional<Secret> password, CollectOptions options)
            throws TargetUnavailableException {
        PgConnector connector = new PgConnector(target, password, options);
        FactLedger ledger = new FactLedger(password);
        String version;
        List<String> databases;
        Connection session = connector.openTarget();
        try {
            ClusterReads reads = new ClusterReads(session);
            version = readCluster(reads, ledger);
            if (version == null) {
                version = driverReportedVersion(session);
            }
            databases = listDatabases(reads, password, ledger);
        } finally {
            closeQuietly(session);
        }
        probeTls(connector, options, ledger);
        for (String database : databases) {
            readDatabase(connector, database, password, ledger);
        }
        readHost(target, connector, ledger);
        readBackups(target, options, ledger);
        return ledger.toTargetFacts(target, version);
    }

    /** The databases to read per-database kinds from; on failure those kinds are errors and the list empty. */
    private static List<String> listDatabases(ClusterReads reads, Optional<Secret> password, FactLedger ledger) {
        try {
            return reads.databases();
        } catch (SQLException e) {
            String message = "cannot list databases: " + SqlFailures.message(e, password);
            for (Class<?> kind : PER_DATABASE) {
                ledger.fail(kind.getSimpleName(), SqlFailures.reason(e), message);
            }
            return List.of();
        }
    }

    /** Reads the cluster-wide kinds; returns server_version, or null when PgServer could not be read. */
    private static String readCluster(ClusterReads reads, FactLedger ledger) {
        Optional<PgServer> server = ledger.gather(PgServer.class, reads::server).flatMap(l -> l.stream().findFirst());
        Optional<List<PgSetting>> settings = ledger.gather(PgSetting.class, reads::settings);
        ledger.gather(PgRole.class, reads::roles);
        ledger.gather(PgRolePassword.class, reads::rolePasswords);
        String hbaFile = settings.flatMap(list -> list.stream()
                .filter(s -> s.name().equals("hba_file")).findFirst().map(PgSetting::setting)).orElse(null);
        // Without PgServer we do not know the version; the pre-16 query works everywhere from 10 on.
        int versionNum = server.map(PgServer::versionNum).orElse(0);
        ledger.gather(PgHbaEntry.class, () -> reads.hbaEntries(versionNum, hbaFile));
        ledger.gather(PgConnection.class, reads::connections);
        ledger.gather(PgDatabase.class, reads::databaseFacts);
        ledger.gather(PgStatDatabase.class, () -> reads.statDatabases(versionNum));
        ledger.gather(PgBackend.class, reads::backends);
        ledger.gather(PgPreparedXact.class, reads::preparedXacts);
        ledger.gather(PgReplicationClient.class, reads::replicationClients);
        ledger.gather(PgReplicaStatus.class, () -> reads.replicaStatus(versionNum));
        ledger.gather(PgReplicationSlot.class, () -> reads.replicationSlots(versionNum));
        ledger.gather(PgArchiver.class, reads::archiver);
        ledger.gather(PgCheckpoint.class, reads::checkpoint);
        ledger.gather(PgFileSetting.class, reads::fileSettings);
        return server.map(PgServer::version).orElse(null);
    }

    /** The version pgjdbc saw at login, for the report when PgServer itself could not be read. */
    private static String driverReportedVersion(Connection session) {
        try {
            return session.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return null;
        }
    }

    /** Our sessions are read-only, so there is nothing to lose if closing one fails. */
    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException ignored) {
            // the socket is gone either way
        }
    }

    private static void probeTls(PgConnector connector, CollectOptions options, FactLedger ledger) {
        String state = TlsState.class.getSimpleName();
        String certificate = TlsCertificate.class.getSimpleName();
        if (connector.host().startsWith("/")) {
            ledger.fail(state, ErrorReason.UNSUPPORTED, "Unix-domain socket connections do not use TLS");
            ledger.fail(certificate, ErrorReason.UNSUPPORTED, "Unix-domain socket connections do not use TLS");
            return;
        }
        try {
            InspectingTls.Outcome outcome = TlsProbe.probe(connector.host(), connector.port(), options.connectTimeout());
            ledger.add(outcome.state());
            ledger.succeeded(state);
            if (outcome.handshakeError() == null) {
                ledger.addAll(outcome.certificates());
                ledger.succeeded(certificate);
            } else {
                ledger.fail(certificate, ErrorReason.ERROR, outcome.handshakeError());
            }
        } catch (IOException e) {
            String why = "TLS probe of " + connector.host() + ":" + connector.port() + " failed: " + e.getMessage();
            ledger.fail(state, ErrorReason.UNREACHABLE, why);
            ledger.fail(certificate, ErrorReason.UNREACHABLE, why);
        }
    }

    private static void readDatabase(PgConnector connector, String database, Optional<Secret> password,
                                     FactLedger ledger) {
        try (Connection session = connector.open(database)) {
            DatabaseReads reads = new DatabaseReads(session);
            ledger.gather(PgExtension.class, database, reads::extensions);
            ledger.gather(PgSchemaPrivilege.class, database, reads::schemaPrivileges);
            ledger.gather(PgFunction.class, database, reads::securityDefinerFunctions);
            ledger.gather(PgLanguage.class, database, reads::languages);
            ledger.gather(PgTable.class, database, reads::tables);
            ledger.gather(PgIndex.class, database, reads::indexes);
            ledger.gather(PgForeignKey.class, database, reads::foreignKeys);
            ledger.gather(PgSequence.class, database, reads::sequences);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // Refused by pg_hba or a missing CONNECT grant is a privilege limit, not a broken server.
            ErrorReason reason = state.startsWith("28") ? ErrorReason.PRIVILEGE : SqlFailures.reason(e);
            String message = "cannot connect to database " + database + ": " + SqlFailures.message(e, password);
            for (Class<?> kind : PER_DATABASE) {
                ledger.fail(kind.getSimpleName(), reason, message);
            }
        }
    }

    /** HostResources when the target declares them or the database runs on this machine; else not at all. */
    private static void readHost(Target target, PgConnector connector, FactLedger ledger) {
        HostResourcesSource.Outcome outcome = HostResourcesSource.resolve(target.parameters(), connector.host());
        String kind = HostResources.class.getSimpleName();
        if (outcome instanceof HostResourcesSource.Known known) {
            ledger.add(known.resources());
            ledger.succeeded(kind);
        } else if (outcome instanceof HostResourcesSource.Failed failed) {
            ledger.fail(kind, failed.reason(), failed.message());
        }
    }

    /** The backup sources the target declares; none declared means BackupStatus is not collected. */
    private static void readBackups(Target target, CollectOptions options, FactLedger ledger) {
        BackupSources.Outcome outcome = BackupSources.read(target.parameters(), options.statementTimeout());
        ledger.addAll(outcome.statuses());
        for (CollectionError error : outcome.errors()) {
            ledger.fail(error.factKind(), error.reason(), error.message());
        }
        if (outcome.declared()) {
            ledger.succeeded(BackupStatus.class.getSimpleName());
        }
    }
}
