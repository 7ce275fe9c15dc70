package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.config.ConfigParseException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.mongo.MongoOption;
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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Static scanning of a mongod.conf (YAML): one {@link MongoOption} per leaf, by the same dotted path and in the
 * same text form the live collector reads from getCmdLineOpts' {@code parsed} document (nested and dotted keys
 * give the same path; lists joined with commas; booleans "true"/"false"; integral numbers without a fraction),
 * plus {@code config} = the file's path, as mongod reports it when started with {@code --config}. A value under
 * a key ending in "password" (net.tls.certificateKeyFilePassword, security.ldap.bind.queryPassword, ...) is
 * recorded as "set" (or "" when empty), never the value. Options the file leaves out are absent, as on a live
 * server (mongod's default applies). Malformed YAML, a duplicate key, a non-mapping document and the legacy
 * 2.4-era INI format are refused as {@code file:line: message}. Only MongoOption is collected: rules needing
 * live facts come out SKIPPED (static).
 */
public final class MongodConfParser {
    private static final Pattern LEGACY_INI = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_.\\-]*\\s*=.*");

    private MongodConfParser() {
    }

    /** The config-file target for {@code file}: id {@code file:<absolute path>}, engine MONGODB, source=config-file. */
    public static Target target(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put(Target.SOURCE, Target.SOURCE_CONFIG_FILE);
        params.put("file", p);
        return new Target("file:" + p, EngineKind.MONGODB, p, params);
    }

    /** @throws ConfigParseException a file mongod would refuse or that cannot be read, as {@code file:line: message} */
    public static TargetFacts parse(Path file) throws ConfigParseException {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(abs)) {
                throw new ConfigParseException(name, 0, "is a directory, not a mongod.conf");
            }
            bytes = Files.readAllBytes(abs);
        } catch (NoSuchFileException e) {
            throw new ConfigParseException(name, 0, "no such file");
        } catch (IOException | SecurityException e) {
            throw new ConfigParseException(name, 0, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigParseException(name, lineOfBadByte(bytes), "not valid UTF-8");
        }
        return parse(text, abs);
    }

    /** Parses {@code text} as the content of {@code file} (which is only named, not read). */
    public static TargetFacts parse(String text, Path file) throws ConfigParseException {
        String name = file.toAbsolutePath().normalize().toString();
        legacyCheck(text, name);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : "malformed";
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ConfigParseException(name, mark == null ? 0 : mark.getLine() + 1, "invalid YAML"
                    + (mark == null ? "" : " at column " + (mark.getColumn() + 1)) + ": " + oneLine(what + context));
        } catch (YAMLException | IllegalArgumentException e) {
            throw new ConfigParseException(name, 0, "invalid YAML: " + oneLine(String.valueOf(e.getMessage())));
        }
        Map<String, String> options = new TreeMap<>();
        if (root != null) {
            if (!(root instanceof MappingNode mapping)) {
                throw new ConfigParseException(name, root.getStartMark().getLine() + 1,
                        "expected a mapping of mongod options (storage:, net:, security: ...) at the top level");
            }
            Map<String, Integer> lines = new LinkedHashMap<>();
            flatten("", mapping, options, lines, name);
        }
        options.put("config", name);
        List<Fact> facts = new ArrayList<>();
        options.forEach((p, v) -> facts.add(new MongoOption(p, v)));
        return new TargetFacts(target(file), null, facts, Set.of(MongoOption.class.getSimpleName()));
    }

    private static void legacyCheck(String text, String name) throws ConfigParseException {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (LEGACY_INI.matcher(l).matches()) {
                throw new ConfigParseException(name, i + 1,
                        "legacy INI config files are not supported; convert to YAML");
            }
            return;
        }
    }

    private static void flatten(String prefix, MappingNode node, Map<String, String> out, Map<String, Integer> lines,
                                String name) throws ConfigParseException {
        for (NodeTuple t : node.getValue()) {
            int line = t.getKeyNode().getStartMark().getLine() + 1;
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new ConfigParseException(name, line, "a key must be a plain name");
            }
            String path = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
            Node v = t.getValueNode();
            if (lines.containsKey(path)) {
                throw new ConfigParseException(name, line, "duplicate key " + oneLine(path) + " (first on line "
                        + lines.get(path) + ")");
            }
            lines.put(path, line);
            if (v instanceof MappingNode m) {
                flatten(path, m, out, lines, name);
                continue;
            }
            String value = text(v);
            if (value == null) {
                continue; // "key:" with nothing: no option set
            }
            if (secret(path)) {
                value = value.isEmpty() ? "" : "set";
            }
            if (out.containsKey(path)) {
                throw new ConfigParseException(name, line, "duplicate key " + oneLine(path));
            }
            out.put(path, value);
        }
    }

    /** A leaf as the live collector's text(): lists joined with commas, booleans true/false, integral numbers plain. */
    private static String text(Node node) {
        if (node instanceof SequenceNode seq) {
            List<String> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String s = text(item);
                items.add(s == null ? "null" : s);
            }
            return String.join(",", items);
        }
        if (node instanceof MappingNode m) {
            StringBuilder b = new StringBuilder("{");
            for (NodeTuple t : m.getValue()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                b.append('"').append(k).append("\": ").append(quoted(t.getValueNode()));
            }
            return b.append('}').toString();
        }
        ScalarNode s = (ScalarNode) node;
        String raw = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            String l = raw.toLowerCase(Locale.ROOT);
            return l.equals("true") || l.equals("yes") || l.equals("on") ? "true" : "false";
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.toString(Long.parseLong(raw.replace("_", "")));
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                double d = Double.parseDouble(raw.replace("_", ""));
                return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e18
                        ? Long.toString((long) d) : Double.toString(d);
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return raw;
    }

    private static String quoted(Node node) {
        String t = text(node);
        if (t == null) {
            return "null";
        }
        return node instanceof ScalarNode s && !Tag.STR.equals(s.getTag()) ? t : "\"" + t.replace("\"", "\\\"") + "\"";
    }

    private static boolean secret(String path) {
        int dot = path.lastIndexOf('.');
        String key = (dot < 0 ? path : path.substring(dot + 1)).toLowerCase(Locale.ROOT);
        return key.endsWith("password") || key.endsWith("passphrase");
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static int lineOfBadByte(byte[] bytes) {
        int line = 1;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }
}
