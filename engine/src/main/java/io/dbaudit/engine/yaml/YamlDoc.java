package io.dbaudit.engine.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of the YAML files users write (inventories, waivers): every value keeps its line, so
 * each error names {@code file:line}; unknown keys are errors, not silently ignored.
 */
public final class YamlDoc {
    private final String file;

    private YamlDoc(String file) {
        this.file = file;
    }

    /** The root mapping of a file. */
    public static Map.Entry<YamlDoc, MappingNode> load(Path path) {
        YamlDoc doc = new YamlDoc(path.toString());
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(r);
            if (!(root instanceof MappingNode m)) {
                throw new InputException(path + ":1: expected a mapping at the top level");
            }
            return Map.entry(doc, m);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new InputException(path + ":" + line + ": " + e.getProblem());
        } catch (IOException e) {
            throw new InputException(path + ": cannot read: " + e.getMessage());
        }
    }

    public String where(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1);
    }

    public InputException error(Node node, String message) {
        return new InputException(where(node) + ": " + message);
    }

    /** The mapping's entries by key, after checking every key is one of {@code allowed}. */
    public Map<String, Node> fields(Node node, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' (expected one of " + allowed.stream().sorted().toList() + ")");
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    public String scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, "expected a single value");
        }
        return s.getValue();
    }

    public List<Node> sequence(Node node) {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, "expected a list");
        }
        return s.getValue();
    }

    /** A list of scalars; a single scalar is accepted as a one-element list. */
    public List<String> strings(Node node) {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        return sequence(node).stream().map(this::scalar).toList();
    }

    public String file() {
        return file;
    }
}
