package io.dbaudit.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The counterpart of the demo server: TLS on with a fresh certificate, SCRAM everywhere, hostssl-only
 * pg_hba, one superuser, and a least-privilege {@code auditor} (pg_monitor only).
 */
final class HardenedServer implements AutoCloseable {
    final EmbeddedPostgres pg;

    private HardenedServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static HardenedServer start(Path dataDir, String superuserPassword, String auditorPassword) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(dir -> configure(dir.toPath()))
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD '" + superuserPassword + "'");
            s.execute("CREATE ROLE auditor LOGIN PASSWORD '" + auditorPassword + "' VALID UNTIL '2099-01-01' "
                    + "CONNECTION LIMIT 3");
            s.execute("GRANT pg_monitor TO auditor");
        }
        // Only now lock the door: the launcher itself connects with trust while starting.
        Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n", List.of(
                "local   all  all                 scram-sha-256",
                "hostssl all  all  127.0.0.1/32   scram-sha-256",
                "hostssl all  all  ::1/128        scram-sha-256",
                "host    all  all  0.0.0.0/0      reject",
                "")));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        return new HardenedServer(pg);
    }

    int port() {
        return pg.getPort();
    }

    private static void configure(Path dir) {
        try {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365",
                    "-subj", "/CN=localhost", "-keyout", dir.resolve("server.key").toString(),
                    "-out", dir.resolve("server.crt").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + out);
            }
            Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dir.resolve("postgresql.conf"), String.join("\n", List.of(
                    "",
                    "ssl = on",
                    "ssl_cert_file = 'server.crt'",
                    "ssl_key_file = 'server.key'",
                    "ssl_min_protocol_version = 'TLSv1.2'",
                    "password_encryption = 'scram-sha-256'",
                    "authentication_timeout = 30s",
                    "")), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
