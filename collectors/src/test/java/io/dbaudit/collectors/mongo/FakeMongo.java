package io.dbaudit.collectors.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A MongoDB speaking the real wire protocol on a free loopback port: de.bwaldvogel's mongo-java-server with
 * its in-memory backend, extended so that admin commands it does not know (hello, getCmdLineOpts,
 * getParameter, usersInfo, rolesInfo, replSetGetStatus, replSetGetConfig, balancerStatus...) answer with
 * documents scripted by the test. The scripted replies are written in MongoDB's extended JSON and copied
 * in shape from MongoDB's reference pages for each command (docs/reference/command/&lt;name&gt;); an
 * {@link #fail error} answers as mongod does, {@code {ok: 0, code, codeName, errmsg}}.
 *
 * <p>What the library itself answers is used as it is: listDatabases, listCollections, listIndexes,
 * $indexStats (accesses.ops always 0, since = index creation in this process), find on local.oplog.rs,
 * and the base of serverStatus. Without a script, replSetGetStatus fails with NoReplicationEnabled (76),
 * exactly like a standalone mongod.
 */
final class FakeMongo implements AutoCloseable {
    private final Map<String, Supplier<Document>> replies = new ConcurrentHashMap<>();
    private final List<String> commands = java.util.Collections.synchronizedList(new ArrayList<>());
    private final MongoServer server;
    private final InetSocketAddress address;

    FakeMongo() {
        server = new MongoServer(new ScriptedBackend());
        server.bind("127.0.0.1", 0);
        address = server.getLocalAddress();
    }

    int port() {
        return address.getPort();
    }

    String url() {
        return "mongodb://127.0.0.1:" + port();
    }

    /** Answers {@code command} (case-insensitive) with this extended-JSON reply; "ok: 1" is added. */
    FakeMongo reply(String command, String json) {
        replies.put(command.toLowerCase(Locale.ROOT), () -> convert(org.bson.Document.parse(json)));
        return this;
    }

    /** Answers {@code command} with an error, as mongod does ({@code ok: 0, code, codeName, errmsg}). */
    FakeMongo fail(String command, int code, String codeName, String message) {
        replies.put(command.toLowerCase(Locale.ROOT), () -> {
            throw new MongoServerError(code, codeName, message);
        });
        return this;
    }

    /** Every command received, in order, lower case (to check that nothing but reads was sent). */
    List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class ScriptedBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            String key = command.toLowerCase(Locale.ROOT);
            commands.add(key);
            Supplier<Document> scripted = replies.get(key);
            if (scripted == null && key.equals("ismaster")) {
                scripted = replies.get("hello"); // the driver's handshake may use the legacy name
                if (scripted != null) {
                    Document reply = scripted.get();
                    reply.put("ismaster", reply.get("isWritablePrimary"));
                    return withWire(reply);
                }
            }
            if (scripted != null) {
                Document reply = scripted.get();
                if (key.equals("hello")) {
                    withWire(reply);
                }
                if (key.equals("serverstatus")) {
                    Document base = super.handleCommand(channel, databaseName, command, query);
                    base.putAll(reply);
                    reply = base;
                }
                reply.putIfAbsent("ok", 1.0);
                return reply;
            }
            return super.handleCommand(channel, databaseName, command, query);
        }

        /** The wire-protocol fields every hello reply carries (7.0 speaks wire version 21). */
        private Document withWire(Document reply) {
            reply.putIfAbsent("maxBsonObjectSize", 16777216);
            reply.putIfAbsent("maxMessageSizeBytes", 48000000);
            reply.putIfAbsent("maxWriteBatchSize", 100000);
            reply.putIfAbsent("localTime", Instant.now());
            reply.putIfAbsent("minWireVersion", 0);
            reply.putIfAbsent("maxWireVersion", 21);
            reply.putIfAbsent("ok", 1.0);
            return reply;
        }
    }

    /** org.bson values to the fake's own BSON types (dates as Instant, timestamps as its BsonTimestamp). */
    static Document convert(org.bson.Document in) {
        Document out = new Document();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof org.bson.Document d) {
            return convert(d);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(FakeMongo::value).toList();
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof org.bson.types.ObjectId oid) {
            return new de.bwaldvogel.mongo.bson.ObjectId(oid.toByteArray());
        }
        if (v instanceof org.bson.types.Binary bin) {
            return bin.getData();
        }
        if (v instanceof org.bson.BsonTimestamp ts) {
            return new de.bwaldvogel.mongo.bson.BsonTimestamp(Instant.ofEpochSecond(ts.getTime()), ts.getInc());
        }
        return v;
    }
}
