package io.dbaudit.model.facts.pg;

import io.dbaudit.model.facts.Fact;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of pg_settings (or one line of postgresql.conf): the raw value in its base unit, and where it
 * came from. {@code sourceFile}/{@code sourceLine} are null when the server does not reveal them.
 */
public record PgSetting(String name, String setting, String unit, String vartype, String context, String source,
                        String sourceFile, Integer sourceLine, boolean pendingRestart) implements Fact {

    /** "on"/"true"/"yes"/"1" in any case, as PostgreSQL accepts them. */
    public boolean on() {
        String v = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("true") || v.equals("yes") || v.equals("1");
    }

    public boolean off() {
        return !on();
    }

    public long asLong() {
        return (long) Double.parseDouble(setting.trim());
    }

    public double asDouble() {
        return Double.parseDouble(setting.trim());
    }

    /** The value in bytes for memory settings ({@code unit} like 8kB, kB, MB); -1 stays -1. */
    public long bytes() {
        long v = asLong();
        if (v < 0) {
            return v;
        }
        return v * unitBytes(unit);
    }

    /** The value in seconds for time settings (unit ms, s, min); -1 and 0 stay as they are. */
    public double seconds() {
        double v = asDouble();
        if (v <= 0 || unit == null) {
            return v;
        }
        return switch (unit) {
            case "ms" -> v / 1000.0;
            case "min" -> v * 60.0;
            case "h" -> v * 3600.0;
            case "d" -> v * 86400.0;
            default -> v;
        };
    }

    /** Comma-separated list settings (shared_preload_libraries, ...), trimmed, quotes removed. */
    public List<String> items() {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.split(","))
                .map(s -> s.trim().replace("\"", ""))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public boolean hasItem(String item) {
        return items().contains(item);
    }

    /** Where the value came from, for evidence: "postgresql.conf:12" or the pg_settings source. */
    public String origin() {
        if (sourceFile != null) {
            return sourceLine == null ? sourceFile : sourceFile + ":" + sourceLine;
        }
        return source == null ? "unknown" : source;
    }

    static long unitBytes(String unit) {
        if (unit == null) {
            return 1;
        }
        String u = unit.trim();
        long mult = 1;
        int i = 0;
        while (i < u.length() && Character.isDigit(u.charAt(i))) {
            i++;
        }
        if (i > 0) {
            mult = Long.parseLong(u.substring(0, i));
        }
        return mult * switch (u.substring(i)) {
            case "B" -> 1L;
            case "kB" -> 1024L;
            case "MB" -> 1024L * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            case "TB" -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
    }
}
