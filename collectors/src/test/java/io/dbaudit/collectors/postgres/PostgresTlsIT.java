package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.TargetUrls;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsCertificate;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.pg.PgConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dbaudit.collectors.postgres.PostgresCollectorIT.collector;
import static io.dbaudit.collectors.postgres.PostgresCollectorIT.facts;
import static io.dbaudit.collectors.postgres.PostgresCollectorIT.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server with ssl=on and a certificate made for the test: the probe must see what it presents. */
class PostgresTlsIT {
    private static final String SUBJECT = "CN=dbaudit-it,O=dbaudit";
    private static final int DAYS = 30;

    private static EmbeddedPostgres pg;
    private static Instant certificateMadeAt;

    @BeforeAll
    static void startTlsServer() throws IOException {
        certificateMadeAt = Instant.now();
        pg = EmbeddedServers.start(Map.of("ssl", "on"), PostgresTlsIT::makeCertificate);
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    /** A self-signed RSA 2048 certificate in the data directory, where ssl_cert_file/ssl_key_file look. */
    private static void makeCertificate(File dataDir) {
        Path dir = dataDir.toPath();
        try {
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-sha256", "-days", Integer.toString(DAYS), "-subj", "/O=dbaudit/CN=dbaudit-it",
                    "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.crt").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (openssl.waitFor() != 0) {
                throw new IllegalStateException("openssl could not make a test certificate");
            }
            // PostgreSQL refuses a private key that group or others can read.
            Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void probeSeesTheNegotiatedSessionAndTheCertificate() throws Exception {
        TargetFacts scan = collector().collect(target("require"), new PasswordSource.Default(), CollectOptions.defaults());
        assertEquals(List.of(), scan.errors());

        TlsState tls = only(scan, TlsState.class);
        assertTrue(tls.offered());
        assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(tls.protocol()), tls.protocol());
        assertTrue(tls.cipherSuite() != null && tls.cipherSuite().startsWith("TLS_"), tls.cipherSuite());

        TlsCertificate leaf = only(scan, TlsCertificate.class);
        assertEquals(0, leaf.position());
        assertEquals(SUBJECT, leaf.subject());
        assertEquals(SUBJECT, leaf.issuer());
        assertTrue(leaf.selfSigned());
        assertEquals("RSA", leaf.keyAlgorithm());
        assertEquals(2048, leaf.keyBits());
        assertEquals("SHA256withRSA", leaf.signatureAlgorithm());
        Instant expectedExpiry = certificateMadeAt.plus(Duration.ofDays(DAYS));
        assertTrue(Duration.between(expectedExpiry, leaf.notAfter()).abs().toMinutes() < 10,
                "notAfter " + leaf.notAfter() + " vs about " + expectedExpiry);
        assertTrue(leaf.notBefore().isBefore(leaf.notAfter()));
    }

    @Test
    void sessionsOverTlsAreReportedAsSuch() throws Exception {
        // A TLS client of our own, to see pg_stat_ssl through the collector.
        try (Connection client = pg.getDatabase("postgres", "postgres", Map.of("sslmode", "require")).getConnection()) {
            client.createStatement().execute("SET application_name = 'tls-client'");
            TargetFacts scan = collector().collect(target("require"), new PasswordSource.Default(),
                    CollectOptions.defaults());
            PgConnection seen = facts(scan, PgConnection.class).stream()
                    .filter(c -> "tls-client".equals(c.applicationName())).findFirst().orElseThrow();
            assertTrue(seen.ssl());
            assertTrue(seen.sslVersion().startsWith("TLSv1."), seen.sslVersion());
            assertEquals("127.0.0.1", seen.clientAddr());
        }
    }

    private static io.dbaudit.model.Target target(String sslmode) {
        return TargetUrls.parse("postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres?sslmode=" + sslmode,
                Map.of());
    }
}
