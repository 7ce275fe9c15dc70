package io.dbaudit.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An embedded PostgreSQL (binaries from Maven Central) with realistic problems planted, for the demo.
 * It listens on localhost only: the weak pg_hba lines are there to be found, not to be used.
 */
final class DemoServer implements AutoCloseable {
    /** Names a scanner must survive: SQL injection and HTML injection attempts. */
    static final String HOSTILE_SQL_ROLE = "evil\"; DROP TABLE t; --";
    static final String HOSTILE_HTML_ROLE = "<script>alert('dbaudit')</script>";

    private final EmbeddedPostgres pg;

    private DemoServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static DemoServer start(Path dataDir) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(dir -> plantConfig(dir.toPath()))
                .start();
        DemoServer server = new DemoServer(pg);
        server.plantObjects();
        return server;
    }

    int port() {
        return pg.getPort();
    }

    /** Settings go into postgresql.conf (not the command line) so findings can point at file and line. */
    private static void plantConfig(Path dir) {
        try {
            Files.writeString(dir.resolve("postgresql.conf"), String.join("\n", List.of(
                    "",
                    "# --- dbaudit demo: deliberately weak settings ---",
                    "password_encryption = md5",
                    "ssl = off",
                    "authentication_timeout = 5min",
                    "log_connections = off",
                    "")), StandardOpenOption.APPEND);
            Files.writeString(dir.resolve("pg_hba.conf"), String.join("\n", List.of(
                    "# dbaudit demo: deliberately weak client authentication",
                    "local   all         all                        trust",
                    "host    all         all         127.0.0.1/32   trust",
                    "host    all         all         ::1/128        trust",
                    "host    all         all         0.0.0.0/0      md5",
                    "host    replication all         10.0.0.0/8     password",
                    "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void plantObjects() {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE ROLE app_owner LOGIN SUPERUSER PASSWORD 'demo-only-app-owner'");
            s.execute("CREATE ROLE legacy_app LOGIN PASSWORD 'demo-only-legacy'");
            s.execute("CREATE ROLE reporting LOGIN CREATEROLE CREATEDB PASSWORD 'demo-only-reporting'");
            s.execute("CREATE ROLE old_contractor LOGIN PASSWORD 'demo-only-old' VALID UNTIL '2024-01-31'");
            s.execute("CREATE ROLE batch_nopass LOGIN");
            s.execute("CREATE ROLE admins NOLOGIN SUPERUSER");
            s.execute("CREATE ROLE ops_alice LOGIN IN ROLE admins");
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + quote(HOSTILE_SQL_ROLE) + " LOGIN SUPERUSER PASSWORD 'demo-only-evil'");
            s.execute("CREATE ROLE " + quote(HOSTILE_HTML_ROLE) + " LOGIN CREATEROLE");
            s.execute("CREATE ROLE monitoring LOGIN PASSWORD 'demo-only-monitoring' VALID UNTIL '2099-01-01' CONNECTION LIMIT 5");
            s.execute("GRANT pg_monitor TO monitoring");
            s.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
            s.execute("CREATE FUNCTION public.reset_password(r text) RETURNS void LANGUAGE sql SECURITY DEFINER "
                    + "AS $$ SELECT 1 $$");
            s.execute("CREATE DATABASE shop");
        } catch (SQLException e) {
            throw new IllegalStateException("could not plant demo problems: " + e.getMessage(), e);
        }
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection(); Statement s = c.createStatement()) {
            s.execute("GRANT CREATE ON SCHEMA public TO PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("could not plant demo problems: " + e.getMessage(), e);
        }
    }

    private static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
