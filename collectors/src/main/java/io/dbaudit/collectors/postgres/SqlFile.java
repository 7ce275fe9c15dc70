package io.dbaudit.collectors.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The collector's SQL, kept in resource files (sql/NAME.sql beside this class) so it reads as SQL. */
final class SqlFile {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlFile() {
    }

    static String load(String name) {
        return CACHE.computeIfAbsent(name, SqlFile::read);
    }

    private static String read(String name) {
        String resource = "sql/" + name + ".sql";
        try (InputStream in = SqlFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + resource, e);
        }
    }
}
