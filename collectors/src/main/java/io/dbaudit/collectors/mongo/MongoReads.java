package io.dbaudit.collectors.mongo;

import io.dbaudit.model.facts.mongo.MongoBalancer;
import io.dbaudit.model.facts.mongo.MongoCache;
import io.dbaudit.model.facts.mongo.MongoConnections;
import io.dbaudit.model.facts.mongo.MongoIndex;
import io.dbaudit.model.facts.mongo.MongoOption;
import io.dbaudit.model.facts.mongo.MongoParameter;
import io.dbaudit.model.facts.mongo.MongoReplMember;
import io.dbaudit.model.facts.mongo.MongoReplSet;
import io.dbaudit.model.facts.mongo.MongoRole;
import io.dbaudit.model.facts.mongo.MongoServer;
import io.dbaudit.model.facts.mongo.MongoShardedCollection;
import io.dbaudit.model.facts.mongo.MongoUser;
import org.bson.BsonTimestamp;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns command replies into facts. Pure functions over documents shaped as MongoDB returns them, so the
 * mapping is tested without a server; the collector does the talking.
 */
final class MongoReads {
    /** Reply fields that are not parameters (getParameter) or not part of the reply's payload. */
    private static final Set<String> REPLY_FIELDS = Set.of("ok", "$clusterTime", "operationTime", "$gleStats",
            "lastCommittedOpTime", "$configServerState", "$topologyTime");

    private MongoReads() {
    }

    /** hello + buildInfo (+ serverStatus for the storage engine, may be null). */
    static MongoServer server(Document hello, Document buildInfo, Document serverStatus) {
        String version = buildInfo.getString("version");
        int major = 0;
        int minor = 0;
        Object array = buildInfo.get("versionArray");
        if (array instanceof List<?> l && l.size() >= 2) {
            major = ((Number) l.get(0)).intValue();
            minor = ((Number) l.get(1)).intValue();
        } else if (version != null) {
            String[] parts = version.split("[.-]");
            major = parts.length > 0 ? parseIntOr(parts[0]) : 0;
            minor = parts.length > 1 ? parseIntOr(parts[1]) : 0;
        }
        String engine = null;
        if (serverStatus != null && serverStatus.get("storageEngine") instanceof Document se) {
            engine = se.getString("name");
        }
        String process = "isdbgrid".equals(hello.getString("msg")) ? "mongos" : "mongod";
        Object writable = hello.containsKey("isWritablePrimary") ? hello.get("isWritablePrimary") : hello.get("ismaster");
        return new MongoServer(version, major, minor, buildInfo.getString("gitVersion"), engine, process,
                hello.getString("setName"), Boolean.TRUE.equals(writable));
    }

    /** One fact per leaf of getCmdLineOpts' {@code parsed} document. */
    static List<MongoOption> options(Document cmdLineOpts) {
        List<MongoOption> out = new ArrayList<>();
        Object parsed = cmdLineOpts.get("parsed");
        if (parsed instanceof Document d) {
            flatten("", d, out);
        }
        return out;
    }

    private static void flatten(String prefix, Document d, List<MongoOption> out) {
        for (Map.Entry<String, Object> e : d.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Document child) {
                flatten(path, child, out);
            } else {
                out.add(new MongoOption(path, text(e.getValue())));
            }
        }
    }

    /** getParameter "*": every field but the reply's own. */
    static List<MongoParameter> parameters(Document reply) {
        List<MongoParameter> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : reply.entrySet()) {
            if (!REPLY_FIELDS.contains(e.getKey())) {
                out.add(new MongoParameter(e.getKey(), text(e.getValue())));
            }
        }
        return out;
    }

    static List<MongoUser> users(Document usersInfo) {
        List<MongoUser> out = new ArrayList<>();
        for (Document u : documents(usersInfo.get("users"))) {
            List<String> roles = documents(u.get("roles")).stream()
                    .map(r -> r.getString("role") + "@" + r.getString("db")).toList();
            List<String> mechanisms = strings(u.get("mechanisms"));
            out.add(new MongoUser(u.getString("db"), u.getString("user"), roles, mechanisms));
        }
        return out;
    }

    static List<MongoRole> roles(Document rolesInfo) {
        List<MongoRole> out = new ArrayList<>();
        for (Document r : documents(rolesInfo.get("roles"))) {
            List<String> privileges = documents(r.get("privileges")).stream().map(MongoReads::privilege).toList();
            List<String> inherited = documents(r.containsKey("inheritedRoles") ? r.get("inheritedRoles") : r.get("roles"))
                    .stream().map(x -> x.getString("role") + "@" + x.getString("db")).toList();
            out.add(new MongoRole(r.getString("db"), r.getString("role"), privileges, inherited,
                    Boolean.TRUE.equals(r.get("isBuiltin"))));
        }
        return out;
    }

    private static String privilege(Document p) {
        Document resource = p.get("resource") instanceof Document d ? d : new Document();
        String where;
        if (Boolean.TRUE.equals(resource.get("cluster"))) {
            where = "cluster";
        } else if (Boolean.TRUE.equals(resource.get("anyResource"))) {
            where = "anyResource";
        } else {
            String db = resource.getString("db");
            String coll = resource.getString("collection");
            where = (db == null || db.isEmpty() ? "*" : db) + "." + (coll == null || coll.isEmpty() ? "*" : coll);
        }
        return where + ":" + String.join(",", strings(p.get("actions")));
    }

    /** replSetGetStatus + replSetGetConfig: the set, then one member per config member joined by _id. */
    static MongoReplSet replSet(Document status, Document configReply) {
        Document config = configReply.get("config", Document.class);
        List<Document> members = documents(config.get("members"));
        int voting = (int) members.stream().filter(m -> intOf(m.get("votes"), 1) > 0).count();
        int arbiters = (int) members.stream().filter(m -> Boolean.TRUE.equals(m.get("arbiterOnly"))).count();
        return new MongoReplSet(config.getString("_id"), intOf(config.get("version"), 0), members.size(), voting,
                arbiters, intOf(status.get("myState"), 0));
    }

    static List<MongoReplMember> replMembers(Document status, Document configReply) {
        Document config = configReply.get("config", Document.class);
        Map<Integer, Document> statusById = new HashMap<>();
        for (Document m : documents(status.get("members"))) {
            statusById.put(intOf(m.get("_id"), -1), m);
        }
        List<MongoReplMember> out = new ArrayList<>();
        for (Document c : documents(config.get("members"))) {
            int id = intOf(c.get("_id"), -1);
            Document s = statusById.getOrDefault(id, new Document());
            long delay = c.containsKey("secondaryDelaySecs") ? longOf(c.get("secondaryDelaySecs"), 0)
                    : longOf(c.get("slaveDelay"), 0);
            out.add(new MongoReplMember(id, c.getString("host"), intOf(s.get("state"), 8),
                    s.getString("stateStr") == null ? "(not in status)" : s.getString("stateStr"),
                    s.get("health") instanceof Number n ? n.doubleValue() : 0.0,
                    instant(s.get("optimeDate")), intOf(c.get("votes"), 1),
                    c.get("priority") instanceof Number p ? p.doubleValue() : 1.0,
                    Boolean.TRUE.equals(c.get("arbiterOnly")), Boolean.TRUE.equals(c.get("hidden")), delay,
                    Boolean.TRUE.equals(s.get("self"))));
        }
        return out;
    }

    /** listIndexes entries with their $indexStats accesses (null when usage was not read). */
    static List<MongoIndex> indexes(String db, String collection, List<Document> specs, Map<String, Usage> usage) {
        List<MongoIndex> out = new ArrayList<>();
        for (Document spec : specs) {
            String name = spec.getString("name");
            Document key = spec.get("key") instanceof Document k ? k : new Document();
            List<String> keys = key.entrySet().stream().map(e -> e.getKey() + ":" + text(e.getValue())).toList();
            Usage u = usage == null ? null : usage.get(name);
            out.add(new MongoIndex(db, collection, name, keys, Boolean.TRUE.equals(spec.get("unique")),
                    Boolean.TRUE.equals(spec.get("sparse")), spec.containsKey("partialFilterExpression"),
                    u == null ? null : u.ops(), u == null ? null : u.since()));
        }
        return out;
    }

    record Usage(Long ops, Instant since) {
    }

    /**
     * $indexStats documents by index name. Through a mongos there is one document per shard and index:
     * operations are summed and the youngest {@code since} kept (the shortest observation).
     */
    static Map<String, Usage> usage(List<Document> indexStats) {
        Map<String, Usage> out = new HashMap<>();
        for (Document d : indexStats) {
            Document accesses = d.get("accesses") instanceof Document a ? a : new Document();
            Long ops = accesses.get("ops") instanceof Number n ? n.longValue() : null;
            Instant since = instant(accesses.get("since"));
            out.merge(d.getString("name"), new Usage(ops, since), (a, b) -> new Usage(
                    a.ops() == null || b.ops() == null ? null : a.ops() + b.ops(),
                    a.since() == null ? b.since() : b.since() == null ? a.since()
                            : a.since().isAfter(b.since()) ? a.since() : b.since()));
        }
        return out;
    }

    static MongoShardedCollection shardedCollection(Document d) {
        Document key = d.get("key") instanceof Document k ? k : new Document();
        List<String> keys = key.entrySet().stream().map(e -> e.getKey() + ":" + text(e.getValue())).toList();
        boolean hashed = key.values().stream().anyMatch("hashed"::equals);
        return new MongoShardedCollection(d.getString("_id"), keys, hashed, Boolean.TRUE.equals(d.get("unique")));
    }

    static MongoBalancer balancer(Document d) {
        return new MongoBalancer(d.getString("mode"), Boolean.TRUE.equals(d.get("inBalancerRound")));
    }

    /** serverStatus.connections, or null when the section or its fields are absent. */
    static MongoConnections connections(Document serverStatus) {
        if (!(serverStatus.get("connections") instanceof Document c)
                || !(c.get("current") instanceof Number current) || !(c.get("available") instanceof Number available)) {
            return null;
        }
        return new MongoConnections(current.longValue(), available.longValue());
    }

    /** serverStatus.wiredTiger.cache, or null when the server runs another engine or hides the section. */
    static MongoCache cache(Document serverStatus) {
        if (!(serverStatus.get("wiredTiger") instanceof Document wt) || !(wt.get("cache") instanceof Document c)) {
            return null;
        }
        if (!(c.get("maximum bytes configured") instanceof Number max)
                || !(c.get("bytes currently in the cache") instanceof Number in)) {
            return null;
        }
        long dirty = c.get("tracked dirty bytes in the cache") instanceof Number n ? n.longValue() : 0;
        return new MongoCache(in.longValue(), max.longValue(), dirty);
    }

    static Instant instant(Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof BsonTimestamp ts) {
            return Instant.ofEpochSecond(ts.getTime());
        }
        if (value instanceof Instant i) {
            return i;
        }
        return null;
    }

    /** Raw value as text: scalars as printed, arrays joined with commas, documents as relaxed JSON. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(MongoReads::text).collect(Collectors.joining(","));
        }
        if (value instanceof Document d) {
            return d.toJson();
        }
        if (value instanceof Double dbl && dbl == Math.rint(dbl) && !dbl.isInfinite()) {
            return Long.toString(dbl.longValue());
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static List<Document> documents(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().filter(Document.class::isInstance).map(x -> (Document) x).toList();
        }
        return List.of();
    }

    static List<String> strings(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    static int intOf(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    static long longOf(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }

    private static int parseIntOr(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
