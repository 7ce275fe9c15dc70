package io.dbaudit.engine.waiver;

import io.dbaudit.engine.yaml.YamlDoc;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code waivers.yaml}:
 * <pre>
 * waivers:
 *   - id: legacy-superuser          # optional; defaults to RULE@line
 *     rule: PG-SEC-001
 *     target: "pg-prod-*"           # glob on target id, and/or
 *     tags: [legacy]                # targets carrying all these tags
 *     object: "role app_owner"      # optional glob on the finding's object
 *     justification: "..."          # required
 *     expires: 2027-01-31           # required, inclusive
 *     approver: alice               # optional
 * </pre>
 * Structural problems are errors naming file:line; judgement calls (unknown rule, past or far-future
 * expiry) are left to {@link WaiverLint}.
 */
public final class WaiverFile {
    private static final Set<String> TOP = Set.of("waivers");
    private static final Set<String> KEYS = Set.of("id", "rule", "target", "tags", "object", "justification",
            "expires", "approver");

    private WaiverFile() {
    }

    public static List<Waiver> load(Path path) {
        Map.Entry<YamlDoc, MappingNode> root = YamlDoc.load(path);
        YamlDoc doc = root.getKey();
        Map<String, Node> top = doc.fields(root.getValue(), TOP);
        if (!top.containsKey("waivers")) {
            throw doc.error(root.getValue(), "missing 'waivers:' list");
        }
        List<Waiver> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node entry : doc.sequence(top.get("waivers"))) {
            Map<String, Node> f = doc.fields(entry, KEYS);
            String rule = required(doc, entry, f, "rule");
            String justification = required(doc, entry, f, "justification");
            String expiresText = required(doc, entry, f, "expires");
            LocalDate expires;
            try {
                expires = LocalDate.parse(expiresText);
            } catch (DateTimeParseException e) {
                throw doc.error(f.get("expires"), "expires must be a date like 2027-01-31");
            }
            if (!f.containsKey("target") && !f.containsKey("tags")) {
                throw doc.error(entry, "a waiver needs 'target' (id glob) or 'tags' to say where it applies");
            }
            String id = f.containsKey("id") ? doc.scalar(f.get("id")) : rule + "@" + (entry.getStartMark().getLine() + 1);
            if (!ids.add(id)) {
                throw doc.error(entry, "duplicate waiver id '" + id + "'");
            }
            out.add(new Waiver(id, rule, f.containsKey("target") ? doc.scalar(f.get("target")) : null,
                    f.containsKey("tags") ? doc.strings(f.get("tags")) : List.of(),
                    f.containsKey("object") ? doc.scalar(f.get("object")) : null, justification, expires,
                    f.containsKey("approver") ? doc.scalar(f.get("approver")) : null, doc.where(entry)));
        }
        return out;
    }

    private static String required(YamlDoc doc, Node entry, Map<String, Node> f, String key) {
        Node n = f.get(key);
        if (n == null) {
            throw doc.error(entry, "waiver is missing '" + key + "'");
        }
        String v = doc.scalar(n);
        if (v == null || v.isBlank()) {
            throw doc.error(n, "'" + key + "' is empty");
        }
        return v.strip();
    }
}
