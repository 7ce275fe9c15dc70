package io.dbaudit.collectors.redis;

import io.dbaudit.model.facts.redis.RedisInfo;
import io.dbaudit.model.facts.redis.RedisReplica;
import io.dbaudit.model.facts.redis.RedisServer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** INFO's text ({@code # Section} headers and {@code field:value} lines) as facts. */
final class InfoText {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");
    private static final Pattern SLAVE = Pattern.compile("slave\\d+");

    private final List<RedisInfo> lines;
    private final Map<String, String> byField = new HashMap<>();

    private InfoText(List<RedisInfo> lines) {
        this.lines = lines;
        lines.forEach(l -> byField.putIfAbsent(l.field(), l.value()));
    }

    static InfoText parse(String text) {
        List<RedisInfo> out = new ArrayList<>();
        String section = "";
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                section = line.substring(1).trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            out.add(new RedisInfo(section, line.substring(0, colon), line.substring(colon + 1)));
        }
        return new InfoText(out);
    }

    List<RedisInfo> lines() {
        return lines;
    }

    Optional<String> get(String field) {
        return Optional.ofNullable(byField.get(field));
    }

    RedisServer server() {
        String version = get("redis_version").orElse("");
        int major = 0;
        int minor = 0;
        Matcher m = VERSION.matcher(version);
        if (m.matches()) {
            major = Integer.parseInt(m.group(1));
            minor = Integer.parseInt(m.group(2));
        }
        long uptime = get("uptime_in_seconds").map(InfoText::toLong).orElse(0L);
        return new RedisServer(version, major, minor, get("redis_mode").orElse(""), get("os").orElse(""), uptime,
                get("role").orElse(""));
    }

    /** The primary's view of its replicas ({@code slaveN:ip=...,port=...,state=...,offset=...,lag=...}). */
    List<RedisReplica> replicas() {
        long primaryOffset = get("master_repl_offset").map(InfoText::toLong).orElse(0L);
        List<RedisReplica> out = new ArrayList<>();
        for (RedisInfo l : lines) {
            if (!l.section().equals("replication") || !SLAVE.matcher(l.field()).matches()) {
                continue;
            }
            Map<String, String> kv = new HashMap<>();
            for (String part : l.value().split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            out.add(new RedisReplica(l.field(), kv.getOrDefault("ip", ""), (int) toLong(kv.getOrDefault("port", "0")),
                    kv.getOrDefault("state", ""), toLong(kv.getOrDefault("offset", "0")),
                    toLong(kv.getOrDefault("lag", "-1")), primaryOffset));
        }
        return out;
    }

    static long toLong(String s) {
        try {
            return (long) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
