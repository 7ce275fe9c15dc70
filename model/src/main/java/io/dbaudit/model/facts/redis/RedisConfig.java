package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One configuration parameter as CONFIG GET * returns it (or as a redis.conf line gives it). Secret
 * parameters ({@code requirepass}, {@code masterauth}, {@code tls-key-file-pass}, ...) are recorded as
 * "set" or "" — never their value. A live scan leaves out a deprecated alias (slave-*, *-ziplist-*) when its
 * current name is also returned, since Redis echoes every alias: an alias fact therefore means the name was
 * really used (a static redis.conf) and not merely echoed.
 */
public record RedisConfig(String name, String value) implements Fact {
    public RedisConfig {
        value = value == null ? "" : value;
    }

    public boolean yes() {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("on") || v.equals("true") || v.equals("1");
    }

    public boolean no() {
        return !yes();
    }

    public boolean empty() {
        return value.isBlank();
    }

    /** Integer values; memory values with a unit (100mb, 1gb, 2k) are converted to bytes as Redis does. */
    public long asLong() {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"},
                {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length()).trim();
                break;
            }
        }
        return Long.parseLong(v) * mult;
    }

    /** Space-separated values (bind, save), as Redis lists them. */
    public List<String> items() {
        if (value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.trim().split("\\s+")).toList();
    }

    public boolean hasItem(String item) {
        return items().contains(item);
    }
}
