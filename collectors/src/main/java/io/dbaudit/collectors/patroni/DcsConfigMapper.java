package io.dbaudit.collectors.patroni;

import io.dbaudit.collectors.config.ParameterTable;

import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.patroni.PatroniDcsConfig;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgSetting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Patroni's dynamic configuration (REST {@code /config} or patroni.yml {@code bootstrap.dcs}) into a
 * {@link PatroniDcsConfig}, plus {@link PgSetting} and {@link PgHbaEntry} facts so PostgreSQL-level rules can
 * read the parameters and hba lines Patroni will apply.
 */
final class DcsConfigMapper {
    private DcsConfigMapper() {
    }

    /**
     * @param base     path of the DCS config in {@code tree} ("" for the REST document, "bootstrap.dcs" in a file)
     * @param file     the file name for locations, or null for the live DCS
     */
    static PatroniDcsConfig config(ConfigTree tree, String base, String file) {
        Map<String, Object> dcs = tree.map(base);
        if (dcs == null) {
            dcs = Map.of();
        }
        Map<String, Object> pg = sub(dcs, "postgresql");
        String pgPath = join(base, "postgresql");
        return new PatroniDcsConfig(location(tree, base, file), ConfigTree.asInt(dcs.get("ttl")),
                ConfigTree.asInt(dcs.get("loop_wait")), ConfigTree.asInt(dcs.get("retry_timeout")),
                ConfigTree.asLong(dcs.get("maximum_lag_on_failover")), ConfigTree.asBool(dcs.get("synchronous_mode")),
                ConfigTree.asBool(dcs.get("synchronous_mode_strict")), ConfigTree.asBool(pg.get("use_pg_rewind")),
                ConfigTree.asBool(pg.get("use_slots")), parameters(tree, join(pgPath, "parameters")),
                hbaLines(pg.get("pg_hba")));
    }

    /** postgresql.parameters under {@code path}, raw text by name (insertion order). */
    static Map<String, String> parameters(ConfigTree tree, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> params = tree.map(path);
        if (params != null) {
            params.forEach((k, v) -> {
                String raw = tree.rawAt(path + "." + k);
                out.put(k, redact(k, raw != null ? raw : v == null ? "" : String.valueOf(v)));
            });
        }
        return out;
    }

    private static final java.util.regex.Pattern CONNINFO_PASSWORD =
            java.util.regex.Pattern.compile("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S+)");
    private static final java.util.regex.Pattern URI_PASSWORD = java.util.regex.Pattern.compile("(://[^/@\\s:]+:)[^@\\s/]+@");

    /**
     * Parameters are copied into facts, so a password inside one (primary_conninfo, a *password* setting) is
     * masked here; {@link PatroniYamlParser} reports where it was as a PatroniSecret.
     */
    static String redact(String name, String value) {
        if (value == null) {
            return null;
        }
        if (name.toLowerCase(java.util.Locale.ROOT).contains("password") && !value.isEmpty()) {
            return "******";
        }
        String v = CONNINFO_PASSWORD.matcher(value).replaceAll("$1******");
        return URI_PASSWORD.matcher(v).replaceAll("$1******@");
    }

    /**
     * One PgSetting per parameter; {@code source} is "dcs" or "patroni.yml". Values are normalised to
     * pg_settings' base units ("16MB" → 2048 × 8kB) with the same table as postgresql.conf, so the
     * PostgreSQL rules read them the same way; a value PostgreSQL would refuse stays raw, typed "string".
     */
    static List<PgSetting> settings(ConfigTree tree, String path, String source, String file) {
        List<PgSetting> out = new ArrayList<>();
        ParameterTable table = ParameterTable.builtIn();
        parameters(tree, path).forEach((name, value) -> {
            Integer line = file == null ? null : tree.line(path + "." + name);
            var known = value == null ? java.util.Optional.<ParameterTable.Parameter>empty() : table.get(name);
            String normalised = value;
            String unit = null;
            String vartype = "string";
            String context = null;
            if (known.isPresent()) {
                try {
                    normalised = ParameterTable.normalise(known.get(), value);
                    unit = known.get().unit();
                    vartype = known.get().vartype();
                    context = known.get().context();
                } catch (IllegalArgumentException e) {
                    normalised = value;
                }
            }
            out.add(new PgSetting(name, normalised, unit, vartype, context, source, file, line, false));
        });
        return out;
    }

    /** The pg_hba list under {@code path} as PgHbaEntry facts; comments and blank items are skipped. */
    static List<PgHbaEntry> hba(ConfigTree tree, String path, String file) {
        List<PgHbaEntry> out = new ArrayList<>();
        Object list = tree.get(path);
        if (!(list instanceof List<?> items)) {
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null) {
                continue;
            }
            Integer line = file == null ? null : tree.line(path + "[" + i + "]");
            PgHbaEntry e = parseHba(String.valueOf(item), file == null ? "dcs:/config" : file,
                    line == null ? i + 1 : line);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** type database user [address [netmask]] method [options]; null for a comment or blank line. */
    static PgHbaEntry parseHba(String text, String file, int line) {
        String t = text;
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        String[] f = t.trim().split("\\s+");
        if (f.length == 0 || f[0].isEmpty()) {
            return null;
        }
        String type = f[0];
        boolean local = "local".equals(type);
        int min = local ? 4 : 5;
        if (f.length < min) {
            return new PgHbaEntry(file, line, type, List.of(), List.of(), null, null, null, List.of(),
                    "too few fields in pg_hba line");
        }
        List<String> dbs = Arrays.asList(f[1].split(","));
        List<String> users = Arrays.asList(f[2].split(","));
        if (local) {
            return new PgHbaEntry(file, line, type, dbs, users, null, null, f[3],
                    Arrays.asList(f).subList(4, f.length), null);
        }
        String address = f[3];
        String netmask = null;
        int methodAt = 4;
        if (!address.contains("/") && f.length > 5 && f[4].matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")) {
            netmask = f[4];
            methodAt = 5;
        }
        return new PgHbaEntry(file, line, type, dbs, users, address, netmask, f[methodAt],
                Arrays.asList(f).subList(methodAt + 1, f.length), null);
    }

    static List<Fact> pgFacts(ConfigTree tree, String base, String file) {
        List<Fact> out = new ArrayList<>();
        String pg = join(base, "postgresql");
        out.addAll(settings(tree, join(pg, "parameters"), "dcs", file));
        out.addAll(hba(tree, join(pg, "pg_hba"), file));
        return out;
    }

    private static List<String> hbaLines(Object v) {
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(x -> x != null).map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    }

    private static String location(ConfigTree tree, String base, String file) {
        if (file == null) {
            return "dcs:/config";
        }
        Integer line = tree.line(base);
        return line == null ? file : file + ":" + line;
    }

    static String join(String base, String key) {
        return base.isEmpty() ? key : base + "." + key;
    }
}
