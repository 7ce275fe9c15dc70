package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.InspectingTls;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Passwords;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.redis.RedisAclUser;
import io.dbaudit.model.facts.redis.RedisConfig;
import io.dbaudit.model.facts.redis.RedisInfo;
import io.dbaudit.model.facts.redis.RedisLastSave;
import io.dbaudit.model.facts.redis.RedisReplica;
import io.dbaudit.model.facts.redis.RedisRole;
import io.dbaudit.model.facts.redis.RedisServer;
import io.dbaudit.model.result.TargetStatus;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects Redis facts over one read-only Jedis connection: INFO (all sections), CONFIG GET *, ACL LIST,
 * ROLE and LASTSAVE, each on its own, so a refused or renamed command costs only the kinds read from it.
 * The scanning user needs {@code +info +config|get +acl|list +role +lastsave +ping +client|setname}
 * (and {@code +select} for a /db other than 0 is never needed: nothing here is per database).
 */
public final class RedisCollector implements Collector {
    static final String CLIENT_NAME = "dbaudit";
    /** Parameters whose value is a secret: recorded as "set" or "", never the value. */
    static final Set<String> SECRET_CONFIGS = Set.of("requirepass", "masterauth", "tls-key-file-pass",
            "tls-client-key-file-pass", "sentinel-pass");

    @Override
    public EngineKind engine() {
        return EngineKind.REDIS;
    }

    @Override
    public List<String> schemes() {
        return List.of("redis", "rediss");
    }

    @Override
    public Target parseTarget(String url) {
        return RedisTargets.parse(url);
    }

    @Override
    public TargetFacts collect(Target target, PasswordSource passwordSource, CollectOptions options)
            throws TargetUnavailableException {
        return collect(target, resolve(passwordSource, target, System.getenv()), options);
    }

    /** redis-cli's convention for {@link PasswordSource.Default}: REDISCLI_AUTH, else no password. */
    static Optional<Secret> resolve(PasswordSource source, Target target, Map<String, String> env) {
        if (source instanceof PasswordSource.Default) {
            String v = env.get("REDISCLI_AUTH");
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(new Secret(v));
        }
        return new Passwords(env).lookup(source, target);
    }

    /** With the password already resolved (tests and callers that resolve it themselves). */
    public TargetFacts collect(Target target, Optional<Secret> password, CollectOptions options)
            throws TargetUnavailableException {
        Map<String, String> p = target.parameters();
        String host = p.getOrDefault("host", "localhost");
        int port = Integer.parseInt(p.getOrDefault("port", Integer.toString(RedisTargets.DEFAULT_PORT)));
        String user = p.getOrDefault("user", RedisTargets.DEFAULT_USER);
        boolean tls = Boolean.parseBoolean(p.getOrDefault("tls", "false"));
        Ledger ledger = new Ledger();
        String version;
        try (Jedis jedis = open(target, host, port, user, tls, password, options)) {
            version = read(jedis, ledger, password);
        }
        probeTls(host, port, tls, options, ledger);
        return ledger.toTargetFacts(target, version);
    }

    private static Jedis open(Target target, String host, int port, String user, boolean tls,
                              Optional<Secret> password, CollectOptions options) throws TargetUnavailableException {
        int connect = millis(options.connectTimeout().toMillis());
        int socket = millis(options.statementTimeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connect).socketTimeoutMillis(socket)
                .clientName(CLIENT_NAME).clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (password.isPresent()) {
            config.user(user).password(password.get().reveal());
        }
        if (tls) {
            config.ssl(true).sslSocketFactory(RedisTls.acceptAnyChain()).hostnameVerifier((h, s) -> true);
        }
        String where = user + "@" + target.id();
        Jedis jedis = null;
        try {
            jedis = new Jedis(new HostAndPort(host, port), config.build());
            jedis.ping();
            return jedis;
        } catch (RuntimeException e) {
            if (jedis != null) {
                closeQuietly(jedis);
            }
            String detail = RedisFailures.message(e, password);
            if (RedisFailures.authFailure(e)) {
                String hint = password.isEmpty()
                        ? " (no password given: use --password-env, --password-file or REDISCLI_AUTH)" : "";
                throw new TargetUnavailableException(TargetStatus.AUTH_FAILED,
                        "authentication failed for " + where + hint + ": " + detail);
            }
            if (e instanceof JedisConnectionException) {
                throw new TargetUnavailableException(TargetStatus.UNREACHABLE, "cannot connect to " + where + ": "
                        + detail);
            }
            throw new TargetUnavailableException(TargetStatus.ERROR, "cannot open a session as " + where + ": "
                    + detail);
        }
    }

    /** Reads every kind; returns redis_version, or null when INFO could not be read. */
    private static String read(Jedis jedis, Ledger ledger, Optional<Secret> password) {
        String version = null;
        try {
            InfoText info = InfoText.parse(jedis.info("all"));
            RedisServer server = info.server();
            ledger.addAll(RedisServer.class, List.of(server));
            ledger.addAll(RedisInfo.class, info.lines());
            ledger.addAll(RedisReplica.class, info.replicas());
            version = server.version().isEmpty() ? null : server.version();
        } catch (RuntimeException e) {
            ledger.fail(e, password, "INFO", RedisServer.class, RedisInfo.class, RedisReplica.class);
        }
        try {
            ledger.addAll(RedisConfig.class, configs(jedis.configGet("*")));
        } catch (RuntimeException e) {
            ledger.fail(e, password, "CONFIG GET", RedisConfig.class);
        }
        try {
            List<RedisAclUser> users = new ArrayList<>();
            for (String line : jedis.aclList()) {
                users.add(AclRules.parse(line));
            }
            ledger.addAll(RedisAclUser.class, users);
        } catch (RuntimeException e) {
            ledger.fail(e, password, "ACL LIST", RedisAclUser.class);
        }
        try {
            ledger.addAll(RedisRole.class, List.of(role(jedis.role())));
        } catch (RuntimeException e) {
            ledger.fail(e, password, "ROLE", RedisRole.class);
        }
        try {
            ledger.addAll(RedisLastSave.class, List.of(new RedisLastSave(jedis.lastsave())));
        } catch (RuntimeException e) {
            ledger.fail(e, password, "LASTSAVE", RedisLastSave.class);
        }
        return version;
    }

    /** One fact per parameter, secrets blanked, echoed aliases of current names left out. */
    static List<RedisConfig> configs(Map<String, String> raw) {
        Map<String, String> sorted = new TreeMap<>(raw);
        List<RedisConfig> out = new ArrayList<>();
        sorted.forEach((name, value) -> {
            String current = currentName(name);
            if (!current.equals(name) && sorted.containsKey(current)) {
                return;
            }
            String v = value == null ? "" : value;
            if (SECRET_CONFIGS.contains(name)) {
                v = v.isEmpty() ? "" : "set";
            }
            out.add(new RedisConfig(name, v));
        });
        return out;
    }

    /** The name Redis 7 uses for a deprecated alias (slave → replica, ziplist → listpack). */
    static String currentName(String name) {
        return name.replace("slaveof", "replicaof").replace("slave", "replica").replace("ziplist", "listpack");
    }

    static RedisRole role(List<Object> reply) {
        String role = text(reply.get(0)).toLowerCase(Locale.ROOT);
        if (role.equals("master")) {
            int replicas = reply.size() > 2 && reply.get(2) instanceof List<?> l ? l.size() : 0;
            return new RedisRole(role, number(reply.get(1)), null, 0, null, replicas);
        }
        if (role.equals("slave") && reply.size() >= 5) {
            return new RedisRole(role, number(reply.get(4)), text(reply.get(1)), (int) number(reply.get(2)),
                    text(reply.get(3)), 0);
        }
        return new RedisRole(role, 0, null, 0, null, 0);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(text(o).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void probeTls(String host, int port, boolean tls, CollectOptions options, Ledger ledger) {
        String state = TlsState.class.getSimpleName();
        String certificate = TlsCertificate.class.getSimpleName();
        if (!tls) {
            ledger.add(new TlsState(false, null, null, "plain-text connection (redis://): a TLS listener, if any,"
                    + " is on tls-port"));
            ledger.succeeded(state);
            ledger.fail(certificate, ErrorReason.UNSUPPORTED, "plain-text connection (redis://): no certificate");
            return;
        }
        try {
            InspectingTls.Outcome outcome = RedisTls.probe(host, port, options.connectTimeout());
            ledger.add(outcome.state());
            ledger.succeeded(state);
            if (outcome.handshakeError() == null) {
                outcome.certificates().forEach(ledger::add);
                ledger.succeeded(certificate);
            } else {
                ledger.fail(certificate, ErrorReason.ERROR, outcome.handshakeError());
            }
        } catch (IOException e) {
            String why = "TLS probe of " + host + ":" + port + " failed: " + e.getMessage();
            ledger.fail(state, ErrorReason.UNREACHABLE, why);
            ledger.fail(certificate, ErrorReason.UNREACHABLE, why);
        }
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, value));
    }

    private static void closeQuietly(Jedis jedis) {
        try {
            jedis.close();
        } catch (RuntimeException ignored) {
            // the socket is gone either way
        }
    }

    /** Facts and per-kind outcomes for one target. */
    private static final class Ledger {
        private final List<Fact> facts = new ArrayList<>();
        private final Set<String> succeeded = new LinkedHashSet<>();
        private final Set<String> failed = new LinkedHashSet<>();

        void addAll(Class<? extends Fact> kind, List<? extends Fact> more) {
            facts.addAll(more);
            succeeded.add(kind.getSimpleName());
        }

        void add(Fact fact) {
            facts.add(fact);
        }

        void succeeded(String kind) {
            succeeded.add(kind);
        }

        @SafeVarargs
        final void fail(RuntimeException e, Optional<Secret> password, String command,
                        Class<? extends Fact>... kinds) {
            ErrorReason reason = RedisFailures.reason(e);
            String message = command + " failed: " + RedisFailures.message(e, password);
            for (Class<? extends Fact> kind : kinds) {
                fail(kind.getSimpleName(), reason, message);
            }
        }

        void fail(String kind, ErrorReason reason, String message) {
            facts.add(new CollectionError(kind, reason, message));
            failed.add(kind);
        }

        TargetFacts toTargetFacts(Target target, String version) {
            Set<String> collected = new LinkedHashSet<>(succeeded);
            collected.removeAll(failed);
            return new TargetFacts(target, version, facts, collected);
        }
    }
}
