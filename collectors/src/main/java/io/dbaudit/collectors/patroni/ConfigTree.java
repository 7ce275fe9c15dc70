package io.dbaudit.collectors.patroni;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A configuration document as plain maps, lists and scalars, with the line of every path when it came
 * from a file. Paths are dotted keys with list indexes: {@code postgresql.pg_hba[2]}.
 * {@code raw} keeps every scalar as written ("on", "256MB"), since YAML would turn "on" into true.
 */
record ConfigTree(Map<String, Object> root, Map<String, Integer> lines, Map<String, String> raw) {

    /** A JSON document (the REST API): no lines; raw text is the value's string form. */
    static ConfigTree ofJson(Map<String, Object> root) {
        Map<String, String> raw = new LinkedHashMap<>();
        walk("", root, (path, value) -> raw.put(path, value == null ? null : String.valueOf(value)));
        return new ConfigTree(root, Map.of(), raw);
    }

    Object get(String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
        Object v = path.isEmpty() ? root : get(path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** 1-based line of a path, falling back to its nearest ancestor; null for JSON. */
    Integer line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return null;
    }

    String rawAt(String path) {
        return raw.get(path);
    }

    /** Visits every scalar with its path. */
    static void walk(String path, Object node, BiConsumer<String, Object> visit) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, visit));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", l.get(i), visit);
            }
        } else {
            visit.accept(path, node);
        }
    }

    static Integer asInt(Object v) {
        Long l = asLong(v);
        return l == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    static Long asLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** YAML 1.1 and Patroni's own parsing: true/false, on/off, yes/no, 1/0. */
    static Boolean asBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "on", "yes", "1", "y" -> true;
            case "false", "off", "no", "0", "n" -> false;
            default -> null;
        };
    }
}
