package io.dbaudit.collectors;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetUrlsTest {

    @Test
    void fullUrlFillsIdEndpointAndParameters() {
        Target t = TargetUrls.parse("postgresql://auditor@db1.example:6543/sales?sslmode=require&connect_timeout=5",
                Map.of());
        assertEquals("db1.example:6543/sales", t.id());
        assertEquals(EngineKind.POSTGRESQL, t.engine());
        assertEquals("postgresql://auditor@db1.example:6543/sales?sslmode=require&connect_timeout=5", t.endpoint());
        assertEquals(Map.of("user", "auditor", "host", "db1.example", "port", "6543", "database", "sales",
                "sslmode", "require", "connect_timeout", "5"), t.parameters());
    }

    @Test
    void defaultsArePort5432DatabasePostgresAndPgUser() {
        Target t = TargetUrls.parse("postgres://db1", Map.of("PGUSER", "ops"));
        assertEquals("db1:5432/postgres", t.id());
        assertEquals("ops", t.parameters().get("user"));
        assertEquals("prefer", t.parameters().get("sslmode"));
    }

    @Test
    void userFallsBackToPostgresWithoutPgUser() {
        assertEquals("postgres", TargetUrls.parse("postgresql://db1/app", Map.of()).parameters().get("user"));
    }

    @Test
    void ipv6HostKeepsBracketsInIdOnly() {
        Target t = TargetUrls.parse("postgresql://[::1]:5433/app", Map.of());
        assertEquals("[::1]:5433/app", t.id());
        assertEquals("::1", t.parameters().get("host"));
    }

    @Test
    void percentEncodedNamesAreDecoded() {
        Target t = TargetUrls.parse("postgresql://audit%40corp@db1/my%20db", Map.of());
        assertEquals("audit@corp", t.parameters().get("user"));
        assertEquals("my db", t.parameters().get("database"));
    }

    @Test
    void passwordInUserInfoIsRejectedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetUrls.parse("postgresql://app:S3cr3t-pw@db1/app", Map.of()));
        assertFalse(e.getMessage().contains("S3cr3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("--password-env"), e.getMessage());
        assertTrue(e.getMessage().contains("--password-file"), e.getMessage());
    }

    @Test
    void passwordQueryParameterIsRejectedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetUrls.parse("postgresql://db1/app?password=%zzS3cr3t", Map.of()));
        assertFalse(e.getMessage().contains("S3cr3t"), e.getMessage());
        assertTrue(e.getMessage().contains("--password-env"), e.getMessage());
    }

    @Test
    void otherSchemesAndBadPortsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TargetUrls.parse("mysql://db1/app", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TargetUrls.parse("postgresql://db1:99999/app", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TargetUrls.parse("postgresql://db1:abc/app", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TargetUrls.parse("postgresql://a,b/app", Map.of()));
    }
}
