package io.dbaudit.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.FactTypes;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.ToolInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Snapshot (de)serialisation. Each fact is written as {@code {"kind": "PgRole", "data": {...}}} so that
 * the reader can find its record type by name; an unknown kind is an error naming it, never dropped.
 */
public final class SnapshotJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotJson() {
    }

    public static String write(Snapshot s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("snapshotVersion", s.snapshotVersion());
        root.set("tool", JSON.valueToTree(s.tool()));
        root.put("collectedAt", s.collectedAt().toString());
        root.put("namesRedacted", s.namesRedacted());
        ArrayNode targets = root.putArray("targets");
        for (SnapshotTarget t : s.targets()) {
            ObjectNode tn = targets.addObject();
            tn.set("info", JSON.valueToTree(t.info()));
            tn.set("target", JSON.valueToTree(t.target()));
            tn.set("collected", JSON.valueToTree(t.collected().stream().sorted().toList()));
            ArrayNode facts = tn.putArray("facts");
            for (Fact f : t.facts()) {
                ObjectNode fn = facts.addObject();
                fn.put("kind", f.kind());
                fn.set("data", JSON.valueToTree(f));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Snapshot read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(file + ":" + line + ": not a JSON snapshot: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.has("snapshotVersion") || !root.has("targets")) {
            throw new InputException(file + ": not a dbaudit snapshot (no snapshotVersion/targets; is it a report?)");
        }
        int version = root.get("snapshotVersion").asInt();
        if (version < 1 || version > Snapshot.VERSION) {
            throw new InputException(file + ": snapshot version " + version + " is not supported (this dbaudit reads 1.."
                    + Snapshot.VERSION + ")");
        }
        try {
            List<SnapshotTarget> targets = new ArrayList<>();
            for (JsonNode tn : root.get("targets")) {
                List<Fact> facts = new ArrayList<>();
                for (JsonNode fn : tn.get("facts")) {
                    String kind = fn.get("kind").asText();
                    Class<? extends Fact> type = FactTypes.byName(kind).orElseThrow(() ->
                            new InputException(file + ": unknown fact kind '" + kind + "' (snapshot from a newer dbaudit?)"));
                    facts.add(JSON.treeToValue(fn.get("data"), type));
                }
                Set<String> collected = new LinkedHashSet<>();
                tn.get("collected").forEach(c -> collected.add(c.asText()));
                targets.add(new SnapshotTarget(JSON.treeToValue(tn.get("info"), TargetInfo.class),
                        JSON.treeToValue(tn.get("target"), Target.class), collected, facts));
            }
            return new Snapshot(version, JSON.treeToValue(root.get("tool"), ToolInfo.class),
                    Instant.parse(root.get("collectedAt").asText()), root.path("namesRedacted").asBoolean(), targets);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            throw new InputException(file + ": malformed snapshot: " + e.getMessage());
        }
    }
}
