package io.dbaudit.model;

import java.util.Map;

/**
 * What is scanned. {@code endpoint} is the URL with any password removed; credentials never live here.
 * {@code parameters} are per-target settings such as {@code memory} that collectors and rules may use.
 */
public record Target(String id, EngineKind engine, String endpoint, Map<String, String> parameters) {
    /** Parameter marking a target built from configuration files rather than a live server. */
    public static final String SOURCE = "source";
    public static final String SOURCE_CONFIG_FILE = "config-file";

    public Target {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Facts come from files: rules needing live-only facts are SKIPPED (static), not ERROR. */
    public boolean fromConfigFiles() {
        return SOURCE_CONFIG_FILE.equals(parameters.get(SOURCE));
    }
}
