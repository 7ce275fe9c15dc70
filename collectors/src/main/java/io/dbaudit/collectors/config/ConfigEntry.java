package io.dbaudit.collectors.config;

/**
 * One {@code name = value} line of postgresql.conf after include expansion: the name lowercased, the
 * value as PostgreSQL's lexer hands it over (quotes removed and escapes resolved), where it was written.
 */
public record ConfigEntry(String name, String value, String file, int line) {
    public String location() {
        return file + ":" + line;
    }
}
