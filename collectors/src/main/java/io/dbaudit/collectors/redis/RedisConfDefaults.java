package io.dbaudit.collectors.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The redis.conf directives the static parser knows by type, with the value Redis 7.0 reports through
 * CONFIG GET when the file does not set them (checked against a real redis-server by
 * RedisConfEquivalenceTest). Every directive a shipped rule reads is here, so a rule never passes just
 * because the file did not mention something. Values are in CONFIG GET's form (memory in bytes).
 */
final class RedisConfDefaults {
    enum Type { BOOL, INT, MEMORY, ENUM, STRING }

    record Directive(String name, Type type, String defaultValue, Set<String> choices) {
    }

    static final Map<String, Directive> KNOWN = new LinkedHashMap<>();

    static {
        // network and security
        add("bind", Type.STRING, "* -::*");
        add("port", Type.INT, "6379");
        add("tls-port", Type.INT, "0");
        add("protected-mode", Type.BOOL, "yes");
        add("requirepass", Type.STRING, "");
        add("masterauth", Type.STRING, "");
        add("masteruser", Type.STRING, "");
        add("aclfile", Type.STRING, "");
        add("timeout", Type.INT, "0");
        add("tcp-keepalive", Type.INT, "300");
        add("tcp-backlog", Type.INT, "511");
        add("maxclients", Type.INT, "10000");
        add("tls-replication", Type.BOOL, "no");
        add("tls-cluster", Type.BOOL, "no");
        add("tls-auth-clients", Type.ENUM, "yes", "yes", "no", "optional");
        add("tls-cert-file", Type.STRING, "");
        add("tls-key-file", Type.STRING, "");
        add("tls-key-file-pass", Type.STRING, "");
        add("tls-client-key-file-pass", Type.STRING, "");
        add("tls-ca-cert-file", Type.STRING, "");
        add("tls-protocols", Type.STRING, "");
        add("enable-debug-command", Type.ENUM, "no", "yes", "no", "local");
        add("enable-module-command", Type.ENUM, "no", "yes", "no", "local");
        add("enable-protected-configs", Type.ENUM, "no", "yes", "no", "local");
        add("rename-command", Type.STRING, null);
        // memory
        add("maxmemory", Type.MEMORY, "0");
        add("maxmemory-policy", Type.ENUM, "noeviction", "volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
        add("maxmemory-samples", Type.INT, "5");
        add("client-query-buffer-limit", Type.MEMORY, "1073741824");
        add("proto-max-bulk-len", Type.MEMORY, "536870912");
        add("client-output-buffer-limit", Type.STRING,
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        add("hash-max-listpack-entries", Type.INT, "128");
        add("hash-max-listpack-value", Type.MEMORY, "64");
        add("zset-max-listpack-entries", Type.INT, "128");
        add("zset-max-listpack-value", Type.MEMORY, "64");
        add("list-max-listpack-size", Type.INT, "-2");
        add("set-max-intset-entries", Type.INT, "512");
        add("activedefrag", Type.BOOL, "no");
        add("lazyfree-lazy-eviction", Type.BOOL, "no");
        add("lazyfree-lazy-expire", Type.BOOL, "no");
        add("lazyfree-lazy-server-del", Type.BOOL, "no");
        add("lazyfree-lazy-user-del", Type.BOOL, "no");
        // persistence
        add("save", Type.STRING, "3600 1 300 100 60 10000");
        add("appendonly", Type.BOOL, "no");
        add("appendfsync", Type.ENUM, "everysec", "always", "everysec", "no");
        add("appendfilename", Type.STRING, "appendonly.aof");
        add("dbfilename", Type.STRING, "dump.rdb");
        add("stop-writes-on-bgsave-error", Type.BOOL, "yes");
        add("rdbcompression", Type.BOOL, "yes");
        add("rdbchecksum", Type.BOOL, "yes");
        add("aof-use-rdb-preamble", Type.BOOL, "yes");
        add("aof-load-truncated", Type.BOOL, "yes");
        add("no-appendfsync-on-rewrite", Type.BOOL, "no");
        add("auto-aof-rewrite-percentage", Type.INT, "100");
        add("auto-aof-rewrite-min-size", Type.MEMORY, "67108864");
        // replication and cluster
        add("replicaof", Type.STRING, "");
        add("replica-read-only", Type.BOOL, "yes");
        add("replica-serve-stale-data", Type.BOOL, "yes");
        add("replica-priority", Type.INT, "100");
        add("repl-diskless-sync", Type.BOOL, "yes");
        add("repl-diskless-load", Type.ENUM, "disabled", "disabled", "on-empty-db", "swapdb");
        add("repl-backlog-size", Type.MEMORY, "1048576");
        add("repl-timeout", Type.INT, "60");
        add("min-replicas-to-write", Type.INT, "0");
        add("min-replicas-max-lag", Type.INT, "10");
        add("cluster-enabled", Type.BOOL, "no");
        add("cluster-node-timeout", Type.INT, "15000");
        // monitoring and process
        add("slowlog-log-slower-than", Type.INT, "10000");
        add("slowlog-max-len", Type.INT, "128");
        add("latency-monitor-threshold", Type.INT, "0");
        add("notify-keyspace-events", Type.STRING, "");
        add("loglevel", Type.ENUM, "notice", "debug", "verbose", "notice", "warning");
        add("databases", Type.INT, "16");
        add("hz", Type.INT, "10");
        add("io-threads", Type.INT, "1");
        add("daemonize", Type.BOOL, "no");
        add("supervised", Type.ENUM, "no", "upstart", "systemd", "auto", "no");
        add("sanitize-dump-payload", Type.ENUM, "no", "no", "yes", "clients");
    }

    /** Emitted with the value Redis would have when the file does not set them (everything with a default). */
    static List<Directive> defaulted() {
        return KNOWN.values().stream().filter(d -> d.defaultValue() != null).toList();
    }

    private static void add(String name, Type type, String defaultValue, String... choices) {
        KNOWN.put(name, new Directive(name, type, defaultValue, Set.of(choices)));
    }

    private RedisConfDefaults() {
    }
}
