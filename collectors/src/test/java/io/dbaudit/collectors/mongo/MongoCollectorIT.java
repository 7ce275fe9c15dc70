package io.dbaudit.collectors.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
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
import io.dbaudit.model.facts.mongo.MongoUser;
import io.dbaudit.model.result.TargetStatus;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Mongo collector over the real wire protocol, against {@link FakeMongo} (mongo-java-server, in memory,
 * on a loopback port) scripted as a weak replica set member, a hardened one, a standalone, and servers that
 * refuse a command or a login. The facts asserted here are exactly what the MONGO-* rules read; their
 * fixtures (packs/mongodb/**.test.yaml) hold the same weak and hardened values.
 *
 * <p>What the fake cannot cover, and so is left to {@link MongoReplicaSetContainerIT} against a real
 * mongod: real authentication mechanisms (the fake has no SCRAM conversation; a login failure is scripted
 * as saslStart answering AuthenticationFailed), real replication timing (member states, optimes and the
 * oplog are scripted or inserted by the test, never produced by replication), real $indexStats accounting
 * (the library reports ops 0 and since = creation time for every index), real getCmdLineOpts parsing of a
 * configuration file, and users, roles and privilege checks (every scripted reply is returned to anyone).
 */
class MongoCollectorIT {
    private static final CollectOptions FAST =
            new CollectOptions(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(2));
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static String date(Instant i) {
        return "{\"$date\": \"" + i + "\"}";
    }

    private static String ts(Instant i) {
        return "{\"$timestamp\": {\"t\": " + i.getEpochSecond() + ", \"i\": 1}}";
    }

    /**
     * hello on a replica set primary (docs/reference/command/hello: isWritablePrimary, setName, hosts...).
     * Without topologyVersion: with it the driver switches its monitor to the streaming (exhaust) protocol,
     * which the fake does not implement.
     */
    private static String helloPrimary(int port) {
        return """
                {"hosts": ["127.0.0.1:%d", "db2:27017", "db3:27017"], "setName": "rs0", "setVersion": 4,
                 "isWritablePrimary": true, "secondary": false, "primary": "127.0.0.1:%d", "me": "127.0.0.1:%d",
                 "electionId": {"$oid": "7fffffff0000000000000003"},
                 "logicalSessionTimeoutMinutes": 30, "connectionId": 12, "readOnly": false}
                """.formatted(port, port, port);
    }

    /** A weak 5.0 member: the shapes of getCmdLineOpts, getParameter, usersInfo, replSetGetStatus/Config. */
    private static FakeMongo weak() {
        FakeMongo m = new FakeMongo();
        m.reply("hello", helloPrimary(m.port()))
                .reply("buildInfo", """
                        {"version": "5.0.31", "gitVersion": "973237567d45610d6976d5d489dfaaef6a52c2f9",
                         "versionArray": [5, 0, 31, 0], "javascriptEngine": "mozjs", "bits": 64,
                         "storageEngines": ["devnull", "ephemeralForTest", "wiredTiger"], "modules": []}
                        """)
                .reply("getCmdLineOpts", """
                        {"argv": ["mongod", "--config", "/etc/mongod.conf"],
                         "parsed": {"config": "/etc/mongod.conf",
                                    "net": {"bindIp": "0.0.0.0", "port": 27017,
                                            "ssl": {"mode": "preferSSL", "PEMKeyFile": "/etc/ssl/mongo.pem"}},
                                    "replication": {"replSetName": "rs0"},
                                    "storage": {"dbPath": "/var/lib/mongodb"},
                                    "systemLog": {"destination": "file", "path": "/var/log/mongodb/mongod.log"}}}
                        """)
                .reply("getParameter", """
                        {"authenticationMechanisms": ["SCRAM-SHA-1"], "enableLocalhostAuthBypass": true,
                         "featureCompatibilityVersion": {"version": "5.0"}}
                        """)
                .reply("usersInfo", """
                        {"users": [
                          {"_id": "admin.admin", "userId": {"$binary": {"base64": "AAAAAAAAAAAAAAAAAAAAAA==", "subType": "04"}},
                           "user": "admin", "db": "admin", "roles": [{"role": "root", "db": "admin"}],
                           "mechanisms": ["SCRAM-SHA-1", "SCRAM-SHA-256"]},
                          {"_id": "admin.app", "user": "app", "db": "admin",
                           "roles": [{"role": "dbOwner", "db": "admin"}, {"role": "readWrite", "db": "shop"}],
                           "mechanisms": ["SCRAM-SHA-1"]}]}
                        """)
                .reply("rolesInfo", """
                        {"roles": [{"role": "reporting", "db": "shop", "isBuiltin": false,
                          "roles": [{"role": "read", "db": "shop"}],
                          "inheritedRoles": [{"role": "read", "db": "shop"}],
                          "privileges": [{"resource": {"db": "shop", "collection": ""}, "actions": ["find", "listIndexes"]}],
                          "inheritedPrivileges": []}]}
                        """)
                .reply("replSetGetStatus", """
                        {"set": "rs0", "date": %s, "myState": 1, "term": {"$numberLong": "3"},
                         "heartbeatIntervalMillis": {"$numberLong": "2000"}, "majorityVoteCount": 3,
                         "writeMajorityCount": 3, "votingMembersCount": 4, "writableVotingMembersCount": 3,
                         "members": [
                          {"_id": 0, "name": "127.0.0.1:%d", "health": 1.0, "state": 1, "stateStr": "PRIMARY",
                           "uptime": 86400, "optime": {"ts": %s, "t": {"$numberLong": "3"}}, "optimeDate": %s, "self": true},
                          {"_id": 1, "name": "db2:27017", "health": 1.0, "state": 2, "stateStr": "SECONDARY",
                           "uptime": 86000, "optime": {"ts": %s, "t": {"$numberLong": "3"}}, "optimeDate": %s,
                           "syncSourceHost": "127.0.0.1:27017"},
                          {"_id": 2, "name": "arb:27017", "health": 1.0, "state": 7, "stateStr": "ARBITER", "uptime": 86000},
                          {"_id": 3, "name": "db3:27017", "health": 0.0, "state": 8, "stateStr": "(not reachable/healthy)",
                           "uptime": 0, "optimeDate": {"$date": "1970-01-01T00:00:00Z"},
                           "lastHeartbeatMessage": "Error connecting to db3:27017 :: caused by :: Connection refused"}]}
                        """.formatted(date(NOW), m.port(), ts(NOW), date(NOW), ts(NOW.minusSeconds(600)),
                        date(NOW.minusSeconds(600))))
                .reply("replSetGetConfig", """
                        {"config": {"_id": "rs0", "version": 4, "term": 3, "protocolVersion": {"$numberLong": "1"},
                         "writeConcernMajorityJournalDefault": true,
                         "members": [
                          {"_id": 0, "host": "127.0.0.1:%d", "arbiterOnly": false, "buildIndexes": true, "hidden": false,
                           "priority": 1.0, "tags": {}, "secondaryDelaySecs": {"$numberLong": "0"}, "votes": 1},
                          {"_id": 1, "host": "db2:27017", "arbiterOnly": false, "buildIndexes": true, "hidden": false,
                           "priority": 0.0, "tags": {}, "secondaryDelaySecs": {"$numberLong": "0"}, "votes": 1},
                          {"_id": 2, "host": "arb:27017", "arbiterOnly": true, "buildIndexes": true, "hidden": false,
                           "priority": 0.0, "tags": {}, "secondaryDelaySecs": {"$numberLong": "0"}, "votes": 1},
                          {"_id": 3, "host": "db3:27017", "arbiterOnly": false, "buildIndexes": true, "hidden": false,
                           "priority": 0.0, "tags": {}, "secondaryDelaySecs": {"$numberLong": "0"}, "votes": 1}],
                         "settings": {"chainingAllowed": true, "heartbeatTimeoutSecs": 10, "electionTimeoutMillis": 10000}}}
                        """.formatted(m.port()))
                .reply("serverStatus", """
                        {"storageEngine": {"name": "wiredTiger", "supportsCommittedReads": true, "persistent": true},
                         "connections": {"current": 950, "available": 50, "totalCreated": 12000, "active": 40},
                         "wiredTiger": {"cache": {"bytes currently in the cache": 3900000000,
                                                  "maximum bytes configured": 4000000000,
                                                  "tracked dirty bytes in the cache": 1000000000}}}
                        """);
        return m;
    }

    private static FakeMongo hardened() {
        FakeMongo m = new FakeMongo();
        m.reply("hello", helloPrimary(m.port()))
                .reply("buildInfo", """
                        {"version": "8.0.4", "gitVersion": "bc35ab4305d9920d9d06d3f2e6c1b8e6fdd68ae3",
                         "versionArray": [8, 0, 4, 0], "modules": ["enterprise"]}
                        """)
                .reply("getCmdLineOpts", """
                        {"argv": ["mongod", "-f", "/etc/mongod.conf"],
                         "parsed": {"config": "/etc/mongod.conf",
                                    "net": {"bindIp": "127.0.0.1,10.0.0.5", "port": 27017, "maxIncomingConnections": 5000,
                                            "tls": {"mode": "requireTLS", "certificateKeyFile": "/etc/ssl/mongo.pem",
                                                    "CAFile": "/etc/ssl/ca.pem", "disabledProtocols": "TLS1_0,TLS1_1"}},
                                    "security": {"authorization": "enabled", "keyFile": "/etc/mongo/keyfile",
                                                 "clusterAuthMode": "keyFile", "javascriptEnabled": false,
                                                 "enableEncryption": true, "encryptionKeyFile": "/etc/mongo/ekey"},
                                    "auditLog": {"destination": "file", "format": "JSON", "path": "/var/log/mongodb/audit.json"},
                                    "replication": {"replSetName": "rs0", "oplogSizeMB": 51200},
                                    "storage": {"dbPath": "/var/lib/mongodb"}}}
                        """)
                .reply("getParameter", """
                        {"authenticationMechanisms": ["SCRAM-SHA-256"], "enableLocalhostAuthBypass": false}
                        """)
                .reply("usersInfo", """
                        {"users": [
                          {"_id": "admin.admin", "user": "admin", "db": "admin", "roles": [{"role": "root", "db": "admin"}],
                           "mechanisms": ["SCRAM-SHA-256"]},
                          {"_id": "shop.app", "user": "app", "db": "shop", "roles": [{"role": "readWrite", "db": "shop"}],
                           "mechanisms": ["SCRAM-SHA-256"]},
                          {"_id": "$external.CN=backup,O=ops", "user": "CN=backup,O=ops", "db": "$external",
                           "roles": [{"role": "backup", "db": "admin"}]}]}
                        """)
                .reply("rolesInfo", "{\"roles\": []}")
                .reply("replSetGetStatus", """
                        {"set": "rs0", "date": %s, "myState": 1, "members": [
                          {"_id": 0, "name": "127.0.0.1:%d", "health": 1.0, "state": 1, "stateStr": "PRIMARY",
                           "optimeDate": %s, "self": true},
                          {"_id": 1, "name": "db2:27017", "health": 1.0, "state": 2, "stateStr": "SECONDARY", "optimeDate": %s},
                          {"_id": 2, "name": "db3:27017", "health": 1.0, "state": 2, "stateStr": "SECONDARY", "optimeDate": %s}]}
                        """.formatted(date(NOW), m.port(), date(NOW), date(NOW.minusSeconds(1)), date(NOW)))
                .reply("replSetGetConfig", """
                        {"config": {"_id": "rs0", "version": 7, "members": [
                          {"_id": 0, "host": "127.0.0.1:%d", "arbiterOnly": false, "hidden": false, "priority": 2.0, "votes": 1,
                           "secondaryDelaySecs": {"$numberLong": "0"}},
                          {"_id": 1, "host": "db2:27017", "arbiterOnly": false, "hidden": false, "priority": 1.0, "votes": 1,
                           "secondaryDelaySecs": {"$numberLong": "0"}},
                          {"_id": 2, "host": "db3:27017", "arbiterOnly": false, "hidden": false, "priority": 1.0, "votes": 1,
                           "secondaryDelaySecs": {"$numberLong": "0"}}]}}
                        """.formatted(m.port()))
                .reply("serverStatus", """
                        {"storageEngine": {"name": "wiredTiger"},
                         "connections": {"current": 120, "available": 4880},
                         "wiredTiger": {"cache": {"bytes currently in the cache": 2000000000,
                                                  "maximum bytes configured": 8000000000,
                                                  "tracked dirty bytes in the cache": 40000000}}}
                        """);
        return m;
    }

    private static Target target(FakeMongo m) {
        return MongoTargetUrls.parse(m.url());
    }

    private static <T extends Fact> List<T> facts(TargetFacts tf, Class<T> kind) {
        return tf.facts().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static Optional<CollectionError> error(TargetFacts tf, Class<?> kind) {
        return tf.errors().stream().filter(e -> e.factKind().equals(kind.getSimpleName())).findFirst();
    }

    private static String option(TargetFacts tf, String path) {
        return facts(tf, MongoOption.class).stream().filter(o -> o.path().equals(path)).map(MongoOption::value)
                .findFirst().orElse(null);
    }

    /** Test data written with a separate client: the collector itself never writes. */
    private static void seed(FakeMongo m, Instant oplogFirst, Instant oplogLast) {
        try (MongoClient c = MongoClients.create(m.url() + "/?directConnection=true")) {
            var orders = c.getDatabase("shop").getCollection("orders");
            orders.insertOne(new Document("_id", 1).append("customerId", 7).append("createdAt", NOW.toString()));
            orders.createIndex(new Document("customerId", 1), new IndexOptions().name("customerId_1"));
            orders.createIndex(new Document("customerId", 1).append("createdAt", -1),
                    new IndexOptions().name("customerId_1_createdAt_-1"));
            orders.createIndex(new Document("sku", 1), new IndexOptions().name("sku_1").unique(true));
            var oplog = c.getDatabase("local").getCollection("oplog.rs");
            oplog.insertOne(new Document("ts", new BsonTimestamp((int) oplogFirst.getEpochSecond(), 1)).append("op", "n"));
            oplog.insertOne(new Document("ts", new BsonTimestamp((int) oplogLast.getEpochSecond(), 1)).append("op", "n"));
        }
    }

    @Test
    void weakReplicaSetMemberYieldsTheFactsTheRulesFailOn() throws Exception {
        try (FakeMongo m = weak()) {
            seed(m, NOW.minusSeconds(3600), NOW);
            int before = m.commands().size();
            TargetFacts tf = new MongoCollector().collect(target(m), Optional.empty(), FAST);

            assertEquals("5.0.31", tf.version());
            assertEquals("127.0.0.1:" + m.port(), tf.target().id());
            MongoServer server = facts(tf, MongoServer.class).get(0);
            assertEquals(5, server.major());
            assertEquals("mongod", server.process());
            assertEquals("rs0", server.setName());
            assertEquals("wiredTiger", server.storageEngine());

            assertEquals("0.0.0.0", option(tf, "net.bindIp"));
            assertEquals("preferSSL", option(tf, "net.ssl.mode"));
            assertNull(option(tf, "security.authorization"));
            assertEquals("SCRAM-SHA-1", facts(tf, MongoParameter.class).stream()
                    .filter(p -> p.name().equals("authenticationMechanisms")).findFirst().orElseThrow().value());
            assertTrue(facts(tf, MongoParameter.class).stream()
                    .anyMatch(p -> p.name().equals("enableLocalhostAuthBypass") && p.on()));

            MongoUser app = facts(tf, MongoUser.class).stream().filter(u -> u.user().equals("app")).findFirst().orElseThrow();
            assertEquals(List.of("dbOwner@admin", "readWrite@shop"), app.roles());
            assertEquals(List.of("SCRAM-SHA-1"), app.mechanisms());
            MongoRole role = facts(tf, MongoRole.class).get(0);
            assertEquals(List.of("shop.*:find,listIndexes"), role.privileges());

            MongoReplSet set = facts(tf, MongoReplSet.class).get(0);
            assertEquals(4, set.votingMembersCount());
            assertEquals(1, set.arbitersCount());
            List<MongoReplMember> members = facts(tf, MongoReplMember.class);
            assertEquals(4, members.size());
            MongoReplMember primary = members.stream().filter(MongoReplMember::primary).findFirst().orElseThrow();
            MongoReplMember lagging = members.stream().filter(x -> x.id() == 1).findFirst().orElseThrow();
            assertEquals(600, lagging.secondsBehind(primary));
            assertFalse(lagging.electable());
            assertTrue(primary.self());
            assertFalse(members.stream().filter(x -> x.id() == 3).findFirst().orElseThrow().healthy());

            assertEquals(3600, facts(tf, MongoOplog.class).get(0).windowSeconds());

            List<MongoIndex> indexes = facts(tf, MongoIndex.class);
            MongoIndex narrow = indexes.stream().filter(i -> i.name().equals("customerId_1")).findFirst().orElseThrow();
            MongoIndex wide = indexes.stream().filter(i -> i.name().equals("customerId_1_createdAt_-1")).findFirst().orElseThrow();
            assertEquals(List.of("customerId:1", "createdAt:-1"), wide.keys());
            assertTrue(narrow.prefixOf(wide));
            assertEquals(0L, narrow.ops());
            assertTrue(indexes.stream().anyMatch(i -> i.name().equals("sku_1") && i.unique()));
            assertEquals(1, facts(tf, MongoIndexStats.class).size());

            MongoConnections conn = facts(tf, MongoConnections.class).get(0);
            assertEquals(95, conn.usedPercent());
            assertEquals(25.0, facts(tf, MongoCache.class).get(0).dirtyPercent());

            // A replica set member, not a mongos: sharding kinds are unsupported here, and say why.
            assertEquals(ErrorReason.UNSUPPORTED,
                    error(tf, io.dbaudit.model.facts.mongo.MongoBalancer.class).orElseThrow().reason());
            assertTrue(tf.collected().containsAll(Set.of("MongoServer", "MongoOption", "MongoParameter", "MongoUser",
                    "MongoRole", "MongoReplSet", "MongoReplMember", "MongoOplog", "MongoIndex", "MongoIndexStats",
                    "MongoConnections", "MongoCache")), tf.collected().toString());

            List<String> sent = m.commands().subList(before, m.commands().size());
            assertTrue(sent.stream().noneMatch(c -> Set.of("insert", "update", "delete", "createindexes", "drop",
                    "dropindexes", "create", "findandmodify").contains(c)), "the collector wrote: " + sent);
        }
    }

    @Test
    void hardenedMemberYieldsTheFactsTheRulesPassOn() throws Exception {
        try (FakeMongo m = hardened()) {
            seed(m, NOW.minus(Duration.ofHours(48)), NOW);
            TargetFacts tf = new MongoCollector().collect(target(m), Optional.empty(), FAST);
            assertEquals("requireTLS", option(tf, "net.tls.mode"));
            assertEquals("TLS1_0,TLS1_1", option(tf, "net.tls.disabledProtocols"));
            assertEquals("enabled", option(tf, "security.authorization"));
            assertEquals("false", option(tf, "security.javascriptEnabled"));
            assertEquals("true", option(tf, "security.enableEncryption"));
            assertEquals("5000", option(tf, "net.maxIncomingConnections"));
            assertEquals("file", option(tf, "auditLog.destination"));
            assertTrue(facts(tf, MongoUser.class).stream().anyMatch(u -> u.external() && u.mechanisms().isEmpty()));
            List<MongoReplMember> members = facts(tf, MongoReplMember.class);
            assertTrue(members.stream().allMatch(MongoReplMember::healthy));
            assertEquals(2, members.stream().filter(x -> !x.primary() && x.electable()).count(), members.toString());
            assertEquals(48 * 3600, facts(tf, MongoOplog.class).get(0).windowSeconds());
            assertEquals(0.5, facts(tf, MongoCache.class).get(0).dirtyPercent());
            // The library's $indexStats reports since = creation (just now): too young to call unused.
            assertTrue(facts(tf, MongoIndex.class).stream().allMatch(i -> i.daysObservedAt(NOW.plusSeconds(60)) == 0));
        }
    }

    @Test
    void standaloneWithoutReplicationMakesReplicationKindsUnsupported() throws Exception {
        try (FakeMongo m = new FakeMongo()) {
            m.reply("hello", "{\"isWritablePrimary\": true, \"connectionId\": 3, \"readOnly\": false}")
                    .reply("buildInfo", "{\"version\": \"7.0.14\", \"versionArray\": [7, 0, 14, 0]}")
                    // Not scripted: the library answers NoReplicationEnabled (76) as a standalone mongod does.
                    .fail("replSetGetConfig", 76, "NoReplicationEnabled", "not running with --replSet");
            TargetFacts tf = new MongoCollector().collect(target(m), Optional.empty(), FAST);
            CollectionError repl = error(tf, MongoReplSet.class).orElseThrow();
            assertEquals(ErrorReason.UNSUPPORTED, repl.reason());
            assertTrue(repl.message().contains("NoReplicationEnabled (76)"), repl.message());
            assertEquals(ErrorReason.UNSUPPORTED, error(tf, MongoReplMember.class).orElseThrow().reason());
            assertEquals(ErrorReason.UNSUPPORTED, error(tf, MongoOplog.class).orElseThrow().reason());
            assertFalse(tf.collected().contains("MongoReplSet"));
            // The library's serverStatus has no wiredTiger section and no connections.available.
            assertEquals(ErrorReason.UNSUPPORTED, error(tf, MongoCache.class).orElseThrow().reason());
            assertEquals(ErrorReason.UNSUPPORTED, error(tf, MongoConnections.class).orElseThrow().reason());
            // Unknown commands (getParameter here) come back as CommandNotFound (59): unsupported.
            assertEquals(ErrorReason.UNSUPPORTED, error(tf, MongoParameter.class).orElseThrow().reason());
            assertTrue(tf.collected().contains("MongoServer"));
        }
    }

    @Test
    void aCommandAnsweringUnauthorizedIsAPrivilegeError() throws Exception {
        try (FakeMongo m = hardened()) {
            m.fail("getParameter", 13, "Unauthorized",
                    "not authorized on admin to execute command { getParameter: \"*\", $db: \"admin\" }");
            m.fail("usersInfo", 13, "Unauthorized", "not authorized on admin to execute command { usersInfo: ... }");
            TargetFacts tf = new MongoCollector().collect(target(m), Optional.empty(), FAST);
            assertEquals(ErrorReason.PRIVILEGE, error(tf, MongoParameter.class).orElseThrow().reason());
            assertEquals(ErrorReason.PRIVILEGE, error(tf, MongoUser.class).orElseThrow().reason());
            assertTrue(facts(tf, MongoParameter.class).isEmpty());
            assertTrue(tf.collected().contains("MongoOption"), "the other kinds are still read");
        }
    }

    @Test
    void aRefusedLoginIsAuthFailedAndNeverShowsThePassword() throws Exception {
        try (FakeMongo m = hardened()) {
            // mongod answers a wrong password with {ok: 0, code: 18, codeName: "AuthenticationFailed"}.
            m.fail("saslStart", 18, "AuthenticationFailed", "Authentication failed.");
            Target t = MongoTargetUrls.parse("mongodb://auditor@127.0.0.1:" + m.port() + "/admin");
            TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                    () -> new MongoCollector().collect(t, Optional.of(new Secret("s3cr3t-Pw")), FAST));
            assertEquals(TargetStatus.AUTH_FAILED, e.status());
            assertTrue(e.getMessage().contains("auditor@127.0.0.1:" + m.port()), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t-Pw"));
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Target t = MongoTargetUrls.parse("mongodb://127.0.0.1:" + port);
        CollectOptions quick = new CollectOptions(Duration.ofMillis(800), Duration.ofSeconds(2), Duration.ofSeconds(1));
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> new MongoCollector().collect(t, Optional.empty(), quick));
        assertEquals(TargetStatus.UNREACHABLE, e.status());
    }
}
