package io.dbaudit.model;

import java.util.Locale;

/** The kind of system a target is; rules declare which kinds they apply to. */
public enum EngineKind {
    POSTGRESQL, PATRONI, MONGODB, REDIS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EngineKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "patroni" -> PATRONI;
            case "mongodb", "mongo" -> MONGODB;
            case "redis" -> REDIS;
            default -> throw new IllegalArgumentException("unknown engine '" + text + "'");
        };
    }
}
