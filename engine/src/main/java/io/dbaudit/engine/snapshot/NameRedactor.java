package io.dbaudit.engine.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbaudit.model.facts.Fact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Replaces object names (roles, databases, schemas, tables, indexes, users, hosts) in facts with salted
 * hashes, so a snapshot can be shared with an outside reviewer: the same name hashes the same way within
 * one snapshot (joins between facts still work) but, with a random salt, cannot be looked up in a
 * dictionary. IP addresses and ranges are kept: judging them is the point of the hba rules. Free text that embeds names (index definitions, predicates, certificate subjects) is
 * replaced whole. Keywords the rules rely on (all, PUBLIC, predefined pg_* roles, postgres) are kept.
 */
public final class NameRedactor {
    private static final Set<String> NAME_FIELDS = Set.of("name", "role", "database", "schema", "table", "index",
            "user", "users", "owner", "grantee", "gid", "applicationName", "memberOf", "databases", "currentUser",
            "referencedSchema", "referencedTable", "columns", "includeColumns", "senderHost",
            "peer", "constraint", "extension", "host", "db", "collection", "ns");
    private static final Set<String> TEXT_FIELDS = Set.of("definition", "predicate", "identity", "subject", "issuer",
            "message", "detail", "lastArchivedWal", "lastFailedWal", "file", "sourceFile");
    /** Kinds whose "name" is a configuration or product name, not a user object. */
    private static final Map<String, Set<String>> EXEMPT = Map.ofEntries(
            Map.entry("PgSetting", Set.of("name", "sourceFile")), Map.entry("PgFileSetting", Set.of("name", "sourceFile")),
            Map.entry("PgExtension", Set.of("name", "schema")), Map.entry("PgLanguage", Set.of("name")),
            Map.entry("RuleParam", Set.of("name")), Map.entry("ParameterHistory", Set.of("name")),
            Map.entry("CollectionError", Set.of("message")), Map.entry("RedisConfig", Set.of("name")),
            Map.entry("RedisServer", Set.of("role")), Map.entry("RedisRole", Set.of("role")));
    private static final Set<String> KEEP = Set.of("all", "PUBLIC", "public", "postgres", "sameuser", "samerole",
            "samehost", "samenet", "replication", "pg_catalog", "information_schema", "template0", "template1",
            "default", "admin", "local", "config");
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final byte[] salt;

    public NameRedactor() {
        this.salt = new byte[16];
        new SecureRandom().nextBytes(salt);
    }

    NameRedactor(byte[] salt) {
        this.salt = salt.clone();
    }

    public Fact redact(Fact fact) {
        ObjectNode tree = JSON.valueToTree(fact);
        Set<String> exempt = EXEMPT.getOrDefault(fact.kind(), Set.of());
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (exempt.contains(e.getKey())) {
                continue;
            }
            if (NAME_FIELDS.contains(e.getKey())) {
                e.setValue(hashAll(e.getValue()));
            } else if (TEXT_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
                e.setValue(TextNode.valueOf("[redacted]"));
            }
        }
        try {
            return JSON.treeToValue(tree, fact.getClass());
        } catch (Exception ex) {
            throw new IllegalStateException("cannot redact " + fact.kind() + ": " + ex.getMessage(), ex);
        }
    }

    private JsonNode hashAll(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(hash(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(hashAll(n)));
            return out;
        }
        return node;
    }

    public String hash(String name) {
        if (KEEP.contains(name) || name.startsWith("pg_") || name.isEmpty()) {
            return name;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return "h-" + HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
