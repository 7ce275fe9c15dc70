package io.dbaudit.collectors.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Passwords;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.mongo.MongoBalancer;
import io.dbaudit.model.facts.mongo.MongoCache;
import io.dbaudit.model.facts.mongo.MongoConnections;
import io.dbaudit.model.facts.mongo.MongoIndex;
import io.dbaudit.model.facts.mongo.MongoIndexStats;
import io.dbaudit.model.facts.mongo.MongoOplog;
import io.dbaudit.model.facts.mongo.MongoOption;
import io.dbaudit.model.facts.mongo.MongoParameter;
import io.dbaudit.model.facts.mongo.MongoReplMember;
import io.dbaudit.model.facts.mongo.MongoReplSet;
import io.dbaudit.model.facts.mongo.MongoRole;
import io.dbaudit.model.facts.mongo.MongoServer;
import io.dbaudit.model.facts.mongo.MongoShardedCollection;
import io.dbaudit.model.facts.mongo.MongoUser;
import io.dbaudit.model.result.TargetStatus;
import org.bson.Document;


import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Collects MongoDB facts over one read-only driver client (commands and reads only, never a write):
 * hello, buildInfo, serverStatus, getCmdLineOpts, getParameter, usersInfo/rolesInfo, replSetGetStatus +
 * replSetGetConfig, the oplog's first and last entries, listIndexes + $indexStats per collection, and on a
 * mongos config.collections + balancerStatus. Each kind is read on its own, so a denied or unsupported
 * command costs only the kinds it feeds.
 */
public final class MongoCollector implements Collector {
    /** Databases whose collections are MongoDB's own, not the application's indexes. */
    private static final Set<String> INTERNAL_DATABASES = Set.of("local", "config");

    @Override
    public EngineKind engine() {
        return EngineKind.MONGODB;
    }

    @Override
    public List<String> schemes() {
        return List.of("mongodb", "mongodb+srv");
    }

    @Override
    public Target parseTarget(String url) {
        return MongoTargetUrls.parse(url);
    }

    @Override
    public TargetFacts collect(Target target, PasswordSource passwordSource, CollectOptions options)
            throws TargetUnavailableException {
        // MongoDB has no password convention of its own (no MONGOPASSWORD): Default means no password.
        Optional<Secret> password = passwordSource instanceof PasswordSource.Default
                ? Optional.empty() : Passwords.resolve(passwordSource, target);
        return collect(target, password, options);
    }

    /** With the password already resolved (tests and callers that resolve it themselves). */
    public TargetFacts collect(Target target, Optional<Secret> password, CollectOptions options)
            throws TargetUnavailableException {
        MongoLedger ledger = new MongoLedger(password);
        try (MongoClient client = MongoConnector.open(target, password, options)) {
            Session s = new Session(client, options);
            Document hello = firstContact(s, target, password);
            return new Scan(s, ledger, hello).run(target);
        } catch (IllegalArgumentException e) {
            // A malformed option in the URL (the driver's ConnectionString); the URL holds no password.
            throw new TargetUnavailableException(TargetStatus.ERROR, "invalid MongoDB target " + target.id() + ": "
                    + e.getMessage());
        }
    }

    /** The first command: failures here mean the target cannot be scanned at all. */
    private static Document firstContact(Session s, Target target, Optional<Secret> password)
            throws TargetUnavailableException {
        String who = target.parameters().containsKey("user")
                ? target.parameters().get("user") + "@" + target.id() : target.id();
        try {
            try {
                return s.admin("hello");
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != MongoFailures.COMMAND_NOT_FOUND) {
                    throw e;
                }
                return s.admin("isMaster"); // before 4.4.2 (and 5.0.0) there is no hello
            }
        } catch (MongoException e) {
            String detail = MongoFailures.message(e, password);
            if (MongoFailures.authenticationFailed(e)) {
                throw new TargetUnavailableException(TargetStatus.AUTH_FAILED,
                        "authentication failed for " + who + ": " + detail);
            }
            ErrorReason reason = MongoFailures.reason(e);
            if (reason == ErrorReason.UNREACHABLE || reason == ErrorReason.TIMEOUT) {
                throw new TargetUnavailableException(TargetStatus.UNREACHABLE, "cannot connect to " + who + ": "
                        + detail);
            }
            throw new TargetUnavailableException(TargetStatus.ERROR, "cannot talk to " + who + ": " + detail);
        }
    }

    /** Commands against one client, each bounded by maxTimeMS where the server honours it. */
    record Session(MongoClient client, CollectOptions options) {
        Document admin(String command) {
            return run("admin", new Document(command, 1));
        }

        Document run(String db, Document command) {
            return client.getDatabase(db).runCommand(command, ReadPreference.primaryPreferred());
        }

        MongoDatabase db(String name) {
            return client.getDatabase(name);
        }

        long maxTimeMs() {
            return options.statementTimeout().toMillis();
        }
    }

    private static final class Scan {
        private final Session s;
        private final MongoLedger ledger;
        private final Document hello;
        private final boolean mongos;
        private final boolean replicaSet;

        Scan(Session s, MongoLedger ledger, Document hello) {
            this.s = s;
            this.ledger = ledger;
            this.hello = hello;
            this.mongos = "isdbgrid".equals(hello.getString("msg"));
            this.replicaSet = hello.getString("setName") != null;
        }

        TargetFacts run(Target target) {
            Document serverStatus = read(() -> s.admin("serverStatus"));
            String version = readServer(serverStatus);
            ledger.gather(MongoOption.class, () -> MongoReads.options(s.admin("getCmdLineOpts")));
            ledger.gather(MongoParameter.class,
                    () -> MongoReads.parameters(s.run("admin", new Document("getParameter", "*"))));
            List<String> databases = listDatabases();
            readSecurity(databases);
            readReplication();
            readIndexes(databases);
            readSharding();
            readServerStatus(serverStatus);
            return ledger.toTargetFacts(target, version);
        }

        /** serverStatus is read once and feeds three kinds; a failure is kept to report for each. */
        private RuntimeException serverStatusFailure;

        private Document read(java.util.function.Supplier<Document> command) {
            try {
                return command.get();
            } catch (RuntimeException e) {
                serverStatusFailure = e;
                return null;
            }
        }

        private String readServer(Document serverStatus) {
            Optional<List<MongoServer>> server = ledger.gather(MongoServer.class,
                    () -> List.of(MongoReads.server(hello, s.admin("buildInfo"), serverStatus)));
            return server.map(l -> l.get(0).version()).orElse(null);
        }

        /** Database names, or null when they cannot be listed (the kinds that need them are then errors). */
        private List<String> listDatabases() {
            try {
                Document reply = s.run("admin", new Document("listDatabases", 1).append("nameOnly", true));
                List<String> names = new ArrayList<>();
                for (Document d : MongoReads.documents(reply.get("databases"))) {
                    names.add(d.getString("name"));
                }
                return names;
            } catch (RuntimeException e) {
                databasesFailure = e;
                return null;
            }
        }

        private RuntimeException databasesFailure;

        private void readSecurity(List<String> databases) {
            // forAllDBs returns the users of every database in one reply (they all live in admin.system.users).
            Optional<List<MongoUser>> users = ledger.gather(MongoUser.class, () -> MongoReads.users(
                    s.run("admin", new Document("usersInfo", new Document("forAllDBs", true)))));
            if (databases == null) {
                ledger.fail(MongoRole.class, databasesFailure);
                return;
            }
            Set<String> roleDbs = new LinkedHashSet<>(databases);
            roleDbs.remove("local");
            roleDbs.remove("config");
            users.ifPresent(list -> list.forEach(u -> roleDbs.add(u.db())));
            roleDbs.remove("$external");
            List<MongoRole> roles = new ArrayList<>();
            try {
                for (String db : roleDbs) {
                    roles.addAll(MongoReads.roles(s.run(db, new Document("rolesInfo", 1)
                            .append("showPrivileges", true).append("showBuiltinRoles", false))));
                }
                roles.forEach(ledger::add);
                ledger.succeeded(MongoRole.class);
            } catch (RuntimeException e) {
                ledger.fail(MongoRole.class, e);
            }
        }

        private void readReplication() {
            if (mongos) {
                String why = "the target is a mongos: replication is read on each shard's and the config servers' members";
                unsupported(why, MongoReplSet.class, MongoReplMember.class, MongoOplog.class);
                return;
            }
            try {
                Document status = s.admin("replSetGetStatus");
                Document config = s.admin("replSetGetConfig");
                ledger.add(MongoReads.replSet(status, config));
                ledger.succeeded(MongoReplSet.class);
                MongoReads.replMembers(status, config).forEach(ledger::add);
                ledger.succeeded(MongoReplMember.class);
            } catch (RuntimeException e) {
                ledger.fail(MongoReplSet.class, e);
                ledger.fail(MongoReplMember.class, e);
            }
            if (!replicaSet) {
                unsupported("standalone server (hello reports no setName): there is no oplog", MongoOplog.class);
                return;
            }
            ledger.gather(MongoOplog.class, () -> {
                var oplog = s.db("local").getCollection("oplog.rs");
                Document first = oplog.find().sort(new Document("$natural", 1)).projection(new Document("ts", 1))
                        .maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS).limit(1).first();
                Document last = oplog.find().sort(new Document("$natural", -1)).projection(new Document("ts", 1))
                        .maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS).limit(1).first();
                if (first == null || last == null) {
                    throw new IllegalStateException("local.oplog.rs is empty or absent");
                }
                return List.of(new MongoOplog(MongoReads.instant(first.get("ts")), MongoReads.instant(last.get("ts"))));
            });
        }

        private void readIndexes(List<String> databases) {
            if (databases == null) {
                ledger.fail(MongoIndex.class, databasesFailure);
                ledger.fail(MongoIndexStats.class, databasesFailure);
                return;
            }
            for (String db : databases) {
                if (INTERNAL_DATABASES.contains(db)) {
                    continue;
                }
                List<String> collections;
                try {
                    collections = collections(db);
                } catch (RuntimeException e) {
                    ledger.fail(MongoIndex.class, e);
                    ledger.fail(MongoIndexStats.class, e);
                    continue;
                }
                for (String collection : collections) {
                    readCollectionIndexes(db, collection);
                }
            }
            ledger.succeeded(MongoIndex.class);
            ledger.succeeded(MongoIndexStats.class);
        }

        /** Plain collections only: views have no indexes, system.* are MongoDB's own. */
        private List<String> collections(String db) {
            List<String> out = new ArrayList<>();
            for (Document c : s.db(db).listCollections().maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS)) {
                String name = c.getString("name");
                String type = c.getString("type");
                if (name != null && !name.startsWith("system.") && (type == null || type.equals("collection"))) {
                    out.add(name);
                }
            }
            return out;
        }

        private void readCollectionIndexes(String db, String collection) {
            var coll = s.db(db).getCollection(collection);
            List<Document> specs;
            try {
                specs = coll.listIndexes().maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS).into(new ArrayList<>());
            } catch (RuntimeException e) {
                ledger.fail(MongoIndex.class, e);
                return;
            }
            Map<String, MongoReads.Usage> usage = null;
            try {
                List<Document> stats = coll.aggregate(List.of(new Document("$indexStats", new Document())))
                        .maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS).into(new ArrayList<>());
                usage = MongoReads.usage(stats);
                ledger.add(new MongoIndexStats(db, collection, stats.size()));
            } catch (RuntimeException e) {
                ledger.fail(MongoIndexStats.class, e);
            }
            MongoReads.indexes(db, collection, specs, usage).forEach(ledger::add);
        }

        private void readSharding() {
            if (!mongos) {
                unsupported("the target is not a mongos: sharding metadata and the balancer are read through a mongos",
                        MongoShardedCollection.class, MongoBalancer.class);
                return;
            }
            ledger.gather(MongoShardedCollection.class, () -> {
                List<MongoShardedCollection> out = new ArrayList<>();
                // Before 5.0 a dropped sharded collection stays in config.collections with dropped: true.
                for (Document d : s.db("config").getCollection("collections")
                        .find(new Document("dropped", new Document("$ne", true)))
                        .maxTime(s.maxTimeMs(), TimeUnit.MILLISECONDS)) {
                    out.add(MongoReads.shardedCollection(d));
                }
                return out;
            });
            ledger.gather(MongoBalancer.class, () -> List.of(MongoReads.balancer(s.admin("balancerStatus"))));
        }

        private void readServerStatus(Document serverStatus) {
            if (serverStatus == null) {
                ledger.fail(MongoConnections.class, serverStatusFailure);
                ledger.fail(MongoCache.class, serverStatusFailure);
                return;
            }
            MongoConnections connections = MongoReads.connections(serverStatus);
            if (connections == null) {
                unsupported("serverStatus reports no connections.current/available", MongoConnections.class);
            } else {
                ledger.add(connections);
                ledger.succeeded(MongoConnections.class);
            }
            MongoCache cache = MongoReads.cache(serverStatus);
            if (cache == null) {
                unsupported("serverStatus has no wiredTiger.cache section (storage engine "
                        + (serverStatus.get("storageEngine") instanceof Document se ? se.getString("name") : "unknown")
                        + ")", MongoCache.class);
            } else {
                ledger.add(cache);
                ledger.succeeded(MongoCache.class);
            }
        }

        @SafeVarargs
        private void unsupported(String why, Class<? extends Fact>... kinds) {
            for (Class<? extends Fact> kind : kinds) {
                ledger.fail(kind, ErrorReason.UNSUPPORTED, why);
            }
        }
    }

}
