package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

import java.util.Locale;

/**
 * One {@code field:value} line of INFO (every section), with the section it was under in lower case
 * (server, clients, memory, persistence, stats, replication, cpu, keyspace...). Values are kept raw.
 */
public record RedisInfo(String section, String field, String value) implements Fact {
    public RedisInfo {
        section = section == null ? "" : section.toLowerCase(Locale.ROOT);
        value = value == null ? "" : value;
    }

    public boolean numeric() {
        try {
            Double.parseDouble(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public long asLong() {
        return (long) Double.parseDouble(value.trim());
    }

    public double asDouble() {
        return Double.parseDouble(value.trim());
    }

    public boolean is(String expected) {
        return value.trim().equalsIgnoreCase(expected);
    }
}
