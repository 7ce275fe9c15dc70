package io.dbaudit.cli.inventory;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.engine.yaml.YamlDoc;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet file:
 * <pre>
 * targets:
 *   - id: pg-prod-1
 *     url: postgresql://dbaudit@db1.internal:5432/postgres?sslmode=verify-full
 *     engine: postgresql            # optional: checked against the URL's scheme
 *     tags: [prod, eu]
 *     password: {env: PG_PROD_PW}   # or {file: /run/secrets/pg}; omitted: PGPASSWORD / ~/.pgpass
 *     parameters: {memory: 64GiB, cluster: main, backup-dir: /backups/db1}
 * </pre>
 * Everything is checked before anything is scanned; an inline password is refused (and not echoed).
 */
public final class Inventory {
    private static final Set<String> TOP = Set.of("targets");
    private static final Set<String> KEYS = Set.of("id", "url", "engine", "tags", "password", "parameters");
    private static final Set<String> PASSWORD_KEYS = Set.of("env", "file");

    private Inventory() {
    }

    public static List<InventoryTarget> load(Path path) {
        Map.Entry<YamlDoc, MappingNode> root = YamlDoc.load(path);
        YamlDoc doc = root.getKey();
        Map<String, Node> top = doc.fields(root.getValue(), TOP);
        if (!top.containsKey("targets")) {
            throw doc.error(root.getValue(), "missing 'targets:' list");
        }
        List<InventoryTarget> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node entry : doc.sequence(top.get("targets"))) {
            Map<String, Node> f = doc.fields(entry, KEYS);
            if (!f.containsKey("url")) {
                throw doc.error(entry, "target is missing 'url'");
            }
            Target parsed;
            try {
                parsed = Targets.parse(doc.scalar(f.get("url")));
            } catch (IllegalArgumentException e) {
                throw doc.error(f.get("url"), e.getMessage());
            }
            if (f.containsKey("engine")) {
                EngineKind declared;
                try {
                    declared = EngineKind.parse(doc.scalar(f.get("engine")));
                } catch (IllegalArgumentException e) {
                    throw doc.error(f.get("engine"), e.getMessage());
                }
                if (declared != parsed.engine()) {
                    throw doc.error(f.get("engine"), "engine " + declared.label() + " does not match the URL ("
                            + parsed.engine().label() + ")");
                }
            }
            String id = f.containsKey("id") ? doc.scalar(f.get("id")) : parsed.id();
            if (id == null || id.isBlank() || !ids.add(id)) {
                throw doc.error(f.containsKey("id") ? f.get("id") : entry, "duplicate or empty target id '" + id + "'");
            }
            List<String> tags = f.containsKey("tags") ? doc.strings(f.get("tags")) : List.of();
            Map<String, String> params = new LinkedHashMap<>(parsed.parameters());
            if (f.containsKey("parameters")) {
                Node pn = f.get("parameters");
                if (!(pn instanceof MappingNode pm)) {
                    throw doc.error(pn, "parameters must be a mapping");
                }
                pm.getValue().forEach(t -> params.put(doc.scalar(t.getKeyNode()), doc.scalar(t.getValueNode())));
            }
            if (!tags.isEmpty()) {
                params.put("tags", String.join(",", tags));
            }
            PasswordSource password = password(doc, f.get("password"));
            out.add(new InventoryTarget(new Target(id, parsed.engine(), parsed.endpoint(), params), tags, password,
                    doc.where(entry)));
        }
        return out;
    }

    private static PasswordSource password(YamlDoc doc, Node node) {
        if (node == null) {
            return new PasswordSource.Default();
        }
        if (node instanceof ScalarNode) {
            // Never echo the value: it is a secret that should not be in this file at all.
            throw new InputException(doc.where(node) + ": inline passwords are not accepted; use "
                    + "password: {env: NAME} or password: {file: PATH}");
        }
        Map<String, Node> p = doc.fields(node, PASSWORD_KEYS);
        if (p.size() != 1) {
            throw doc.error(node, "password needs exactly one of env or file");
        }
        if (p.containsKey("env")) {
            return new PasswordSource.FromEnv(doc.scalar(p.get("env")));
        }
        return new PasswordSource.FromFile(Path.of(doc.scalar(p.get("file"))));
    }
}
