package io.dbaudit.collectors.patroni;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.patroni.PatroniDcs;
import io.dbaudit.model.facts.patroni.PatroniDcsConfig;
import io.dbaudit.model.facts.patroni.PatroniRestApi;
import io.dbaudit.model.facts.patroni.PatroniSecret;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a patroni.yml into the same facts the live collector produces where a file can tell (DCS config from
 * {@code bootstrap.dcs}, REST API protection, DCS endpoints, plain-text secrets, pg_hba lines, parameters),
 * each with its file:line. Live-only kinds (members, history, cluster state) are simply absent, so rules
 * needing them come out SKIPPED (static). Secrets are located, never copied: no fact holds a value found
 * under a password key.
 */
public final class PatroniYamlParser {
    /** DCS sections Patroni 3.x knows, in the order it tries them. */
    static final List<String> DCS_KINDS = List.of("etcd", "etcd3", "consul", "zookeeper", "exhibitor", "kubernetes",
            "raft");
    private static final Pattern BIN_DIR_MAJOR = Pattern.compile(
            "(?:postgresql|pgsql|postgres|pg)[-/_]?(\\d{1,2})(?:\\.\\d+)?(?:/|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONNINFO_PASSWORD = Pattern.compile("(?i)(?:^|\\s)password\\s*=|://[^/@\\s:]+:[^@\\s/]+@");

    /** A patroni.yml that is not valid YAML (or not a mapping); the message starts with "file:line:". */
    public static final class MalformedConfigException extends IllegalArgumentException {
        public MalformedConfigException(String message) {
            super(message);
        }
    }

    private PatroniYamlParser() {
    }

    /** The config-file target for {@code file}: engine patroni, parameter source=config-file. */
    public static Target target(Path file) {
        String p = file.toString();
        return new Target("patroni-file:" + p, EngineKind.PATRONI, p,
                Map.of(Target.SOURCE, Target.SOURCE_CONFIG_FILE, "file", p));
    }

    public static TargetFacts parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString(), target(file));
    }

    /** @param fileName the name shown in locations ("patroni.yml") */
    public static TargetFacts parse(String text, String fileName, Target target) {
        ConfigTree tree = read(text, fileName);
        List<Fact> facts = new ArrayList<>();
        Set<String> collected = new LinkedHashSet<>();

        facts.add(DcsConfigMapper.config(tree, "bootstrap.dcs", fileName));
        collected.add(PatroniDcsConfig.class.getSimpleName());

        // Effective parameters: bootstrap.dcs first, then postgresql.parameters (local wins, as in Patroni).
        Map<String, PgSetting> settings = new LinkedHashMap<>();
        DcsConfigMapper.settings(tree, "bootstrap.dcs.postgresql.parameters", "dcs", fileName)
                .forEach(s -> settings.put(s.name(), s));
        DcsConfigMapper.settings(tree, "postgresql.parameters", "patroni.yml", fileName)
                .forEach(s -> settings.put(s.name(), s));
        dataChecksums(tree, fileName).ifPresent(s -> settings.putIfAbsent(s.name(), s));
        facts.addAll(settings.values());
        collected.add(PgSetting.class.getSimpleName());

        List<PgHbaEntry> hba = new ArrayList<>(DcsConfigMapper.hba(tree, "bootstrap.dcs.postgresql.pg_hba", fileName));
        hba.addAll(DcsConfigMapper.hba(tree, "postgresql.pg_hba", fileName));
        facts.addAll(hba);
        collected.add(PgHbaEntry.class.getSimpleName());

        facts.add(restApi(tree, fileName));
        collected.add(PatroniRestApi.class.getSimpleName());

        Optional<PatroniDcs> dcs = dcs(tree, fileName);
        if (dcs.isPresent()) {
            facts.add(dcs.get());
            collected.add(PatroniDcs.class.getSimpleName());
        } else {
            facts.add(new CollectionError(PatroniDcs.class.getSimpleName(), ErrorReason.UNSUPPORTED, fileName
                    + " has no DCS section (" + String.join(", ", DCS_KINDS)
                    + "); it may come from PATRONI_* environment variables"));
        }

        facts.addAll(secrets(tree, fileName));
        collected.add(PatroniSecret.class.getSimpleName());

        Object binDir = tree.get("postgresql.bin_dir");
        inferMajor(binDir == null ? null : String.valueOf(binDir)).ifPresent(major -> {
            facts.add(new PgServer(Integer.toString(major), major * 10000, null, null, false, false));
            collected.add(PgServer.class.getSimpleName());
        });
        return new TargetFacts(target, null, facts, collected);
    }

    /** PostgreSQL major from a bin_dir such as /usr/lib/postgresql/15/bin or /usr/pgsql-16/bin. */
    public static Optional<Integer> inferMajor(String binDir) {
        if (binDir == null || binDir.isBlank()) {
            return Optional.empty();
        }
        Matcher m = BIN_DIR_MAJOR.matcher(binDir);
        Integer found = null;
        while (m.find()) {
            found = Integer.parseInt(m.group(1));
        }
        return found != null && found >= 9 ? Optional.of(found) : Optional.empty();
    }

    // ---- YAML with lines ----

    static ConfigTree read(String text, String fileName) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? fileName : fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new MalformedConfigException(where + ": invalid YAML: " + what + context);
        } catch (YAMLException e) {
            throw new MalformedConfigException(fileName + ": invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new MalformedConfigException(fileName + ":1: empty document");
        }
        if (!(root instanceof MappingNode)) {
            throw new MalformedConfigException(fileName + ":" + (root.getStartMark().getLine() + 1)
                    + ": expected a mapping of Patroni settings at the top level");
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> map;
        FILE.set(fileName);
        try {
            map = (Map<String, Object>) convert(root, "", lines, raw);
        } finally {
            FILE.remove();
        }
        return new ConfigTree(map, lines, raw);
    }

    /** The file name for messages raised while converting (parse is not re-entrant across threads otherwise). */
    private static final ThreadLocal<String> FILE = ThreadLocal.withInitial(() -> "patroni.yml");

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Object convert(Node node, String path, Map<String, Integer> lines, Map<String, String> raw) {
        if (!path.isEmpty()) {
            lines.put(path, node.getStartMark().getLine() + 1);
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                if (out.containsKey(key)) {
                    throw new MalformedConfigException(FILE.get() + ":" + (t.getKeyNode().getStartMark().getLine() + 1)
                            + ":" + (t.getKeyNode().getStartMark().getColumn() + 1) + ": duplicate key " + key
                            + " (first on line " + lines.get(child(path, key)) + ")");
                }
                String child = path.isEmpty() ? key : path + "." + key;
                lines.put(child, t.getKeyNode().getStartMark().getLine() + 1);
                out.put(key, convert(t.getValueNode(), child, lines, raw));
                lines.put(child, t.getKeyNode().getStartMark().getLine() + 1);
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                out.add(convert(items.get(i), path + "[" + i + "]", lines, raw));
            }
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        String value = s.getValue();
        raw.put(path, value);
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return ConfigTree.asBool(value);
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    // ---- sections ----

    private static Optional<PgSetting> dataChecksums(ConfigTree tree, String fileName) {
        Object initdb = tree.get("bootstrap.initdb");
        if (!(initdb instanceof List<?> items)) {
            return Optional.empty();
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String text = item instanceof Map<?, ?> m ? String.valueOf(m.keySet()) : String.valueOf(item);
            if (text.contains("data-checksums") || text.contains("data_checksums")) {
                return Optional.of(new PgSetting("data_checksums", "on", null, "bool", "internal", "bootstrap.initdb",
                        fileName, tree.line("bootstrap.initdb[" + i + "]"), false));
            }
        }
        return Optional.empty();
    }

    private static PatroniRestApi restApi(ConfigTree tree, String fileName) {
        Map<String, Object> rest = tree.map("restapi");
        if (rest == null) {
            return new PatroniRestApi(fileName, false, false, "no restapi section in " + fileName);
        }
        String location = fileName + ":" + tree.line("restapi");
        boolean tls = notBlank(rest.get("certfile"));
        Object auth = rest.get("authentication");
        boolean basic = auth instanceof Map<?, ?> a && notBlank(a.get("username")) && notBlank(a.get("password"));
        String verify = rest.get("verify_client") == null ? "" : String.valueOf(rest.get("verify_client"));
        boolean clientCerts = tls && "required".equals(verify);
        List<String> how = new ArrayList<>();
        how.add(tls ? "restapi.certfile is set (HTTPS)" : "no restapi.certfile (plain HTTP)");
        how.add(basic ? "restapi.authentication is set (basic auth on unsafe endpoints)"
                : "no restapi.authentication");
        if (clientCerts) {
            how.add("restapi.verify_client: required");
        }
        return new PatroniRestApi(location, tls, basic || clientCerts, String.join("; ", how));
    }

    static Optional<PatroniDcs> dcs(ConfigTree tree, String fileName) {
        for (String kind : DCS_KINDS) {
            Map<String, Object> section = tree.map(kind);
            if (section == null) {
                continue;
            }
            List<String> hosts = new ArrayList<>();
            boolean discovered = false;
            switch (kind) {
                case "etcd", "etcd3", "consul" -> {
                    addHosts(hosts, section.get("hosts"));
                    addHosts(hosts, section.get("host"));
                    addHosts(hosts, section.get("url"));
                    discovered = section.containsKey("srv") || section.containsKey("srv_suffix")
                            || section.containsKey("proxy");
                    if (discovered) {
                        hosts.clear();
                        addHosts(hosts, section.get("srv"));
                        addHosts(hosts, section.get("proxy"));
                    }
                }
                case "zookeeper", "exhibitor" -> addHosts(hosts, section.get("hosts"));
                case "raft" -> {
                    addHosts(hosts, section.get("self_addr"));
                    addHosts(hosts, section.get("partner_addrs"));
                }
                default -> discovered = true;
            }
            String protocol = String.valueOf(section.getOrDefault("protocol", section.getOrDefault("scheme", "")));
            boolean tls = "https".equalsIgnoreCase(protocol)
                    || hosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("https://"))
                    || notBlank(section.get("cacert")) || notBlank(section.get("cert"))
                    || Boolean.TRUE.equals(ConfigTree.asBool(section.get("use_ssl")))
                    || "kubernetes".equals(kind);
            int count = discovered && !"raft".equals(kind) ? 0 : hosts.size();
            return Optional.of(new PatroniDcs(kind, hosts, tls, count, fileName + ":" + tree.line(kind)));
        }
        return Optional.empty();
    }

    private static void addHosts(List<String> out, Object value) {
        if (value instanceof List<?> l) {
            l.stream().filter(x -> x != null).map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty())
                    .forEach(out::add);
        } else if (value != null) {
            for (String h : String.valueOf(value).split(",")) {
                if (!h.isBlank()) {
                    out.add(h.trim());
                }
            }
        }
    }

    /** Every non-empty scalar under a password/token key, or a connection string carrying a password. */
    static List<PatroniSecret> secrets(ConfigTree tree, String fileName) {
        List<PatroniSecret> out = new ArrayList<>();
        ConfigTree.walk("", tree.root(), (path, value) -> {
            if (value == null) {
                return;
            }
            String text = tree.rawAt(path) != null ? tree.rawAt(path) : String.valueOf(value);
            if (text.isBlank()) {
                return;
            }
            String key = lastKey(path).toLowerCase(Locale.ROOT);
            Integer line = tree.line(path);
            int l = line == null ? 0 : line;
            if (key.endsWith("password") || key.equals("token")) {
                out.add(new PatroniSecret(fileName, l, path, kindOf(path)));
            } else if (CONNINFO_PASSWORD.matcher(text).find()) {
                out.add(new PatroniSecret(fileName, l, path, "conninfo"));
            }
        });
        return out;
    }

    private static String lastKey(String path) {
        String p = path.replaceAll("\\[\\d+]$", "");
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    private static String kindOf(String path) {
        String first = path.split("[.\\[]", 2)[0];
        if (first.equals("postgresql") || first.equals("bootstrap")) {
            return "postgresql";
        }
        if (first.equals("restapi") || first.equals("ctl")) {
            return first;
        }
        return DCS_KINDS.contains(first) ? "dcs" : "other";
    }

    private static boolean notBlank(Object v) {
        return v != null && !String.valueOf(v).isBlank();
    }
}
