package io.dbaudit.model.facts.mongo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reading the raw text of options and parameters the way mongod does (shared by their facts). */
final class MongoValues {
    private MongoValues() {
    }

    static boolean truthy(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("enabled") || v.equals("on") || v.equals("yes");
    }

    static boolean falsy(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.equals("false") || v.equals("0") || v.equals("disabled") || v.equals("off") || v.equals("no");
    }

    /** Comma-separated (bindIp, disabledProtocols) or a list joined with commas by the collector. */
    static List<String> items(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
