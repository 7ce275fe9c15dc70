package io.dbaudit.model;

import java.util.Map;

/**
 * What is scanned. {@code endpoint} is the URL with any password removed; credentials never live here.
 * {@code parameters} are per-target settings such as {@code memory} that collectors and rules may use.
 */
public record Target(String id, EngineKind engine, String endpoint, Map<String, String> parameters) {
    public Target {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
