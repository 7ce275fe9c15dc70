package io.dbaudit.engine.snapshot;

import io.dbaudit.engine.yaml.InputException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgRole;
import io.dbaudit.model.facts.pg.PgSetting;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.model.result.ToolInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotTest {
    @TempDir
    Path dir;

    static final PgRole APP = new PgRole("app<script>", true, false, false, false, false, false, true,
            Instant.parse("2030-01-01T00:00:00Z"), -1, List.of("admins", "pg_monitor"));
    static final PgHbaEntry HBA = new PgHbaEntry("/etc/pg_hba.conf", 3, "host", List.of("shop"), List.of("app<script>"),
            "0.0.0.0/0", null, "md5", List.of(), null);
    static final PgSetting SSL = new PgSetting("ssl", "off", null, "bool", "sighup", "configuration file",
            "/etc/postgresql.conf", 12, false);

    private Snapshot snapshot(List<Fact> facts) {
        Target t = new Target("db1", EngineKind.POSTGRESQL, "postgresql://auditor@db1.internal:5432/postgres", Map.of());
        return new Snapshot(Snapshot.VERSION, new ToolInfo("dbaudit", "t"), Instant.parse("2026-06-01T00:00:00Z"), false,
                List.of(new SnapshotTarget(new TargetInfo("db1", EngineKind.POSTGRESQL, t.endpoint(), "17.6",
                        TargetStatus.PARTIAL, null, 5), t, Set.of("PgRole", "PgHbaEntry", "PgSetting"), facts)));
    }

    @Test
    void roundTripsEveryFactKindByName() throws Exception {
        List<Fact> facts = List.of(APP, HBA, SSL, new CollectionError("PgRolePassword", ErrorReason.PRIVILEGE, "denied"));
        Path f = Files.writeString(dir.resolve("facts.json"), SnapshotJson.write(snapshot(facts)));
        Snapshot back = SnapshotJson.read(f);
        assertEquals(facts, back.targets().get(0).facts());
        assertEquals(Set.of("PgRole", "PgHbaEntry", "PgSetting"), back.targets().get(0).collected());
    }

    @Test
    void redactionHashesNamesConsistentlyAndKeepsWhatRulesNeed() {
        NameRedactor r = new NameRedactor(new byte[16]);
        PgRole role = (PgRole) r.redact(APP);
        PgHbaEntry hba = (PgHbaEntry) r.redact(HBA);
        PgSetting ssl = (PgSetting) r.redact(SSL);
        assertNotEquals("app<script>", role.name());
        assertEquals(role.name(), hba.users().get(0), "the same name hashes the same way");
        assertEquals(List.of(r.hash("admins"), "pg_monitor"), role.memberOf());
        assertEquals("0.0.0.0/0", hba.address());
        assertEquals("ssl", ssl.name());
        assertEquals("/etc/postgresql.conf", ssl.sourceFile());
        assertTrue(role.login());
        assertNotEquals(r.hash("x"), new NameRedactor().hash("x"), "a fresh salt per snapshot");
    }

    @Test
    void badSnapshotsAreOneClearError() throws Exception {
        Path report = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\": 1, \"results\": []}");
        assertTrue(assertThrows(InputException.class, () -> SnapshotJson.read(report)).getMessage()
                .contains("not a dbaudit snapshot"));
        Path broken = Files.writeString(dir.resolve("b.json"), "{\n \"snapshotVersion\": 1,\n \"targets\": [ {]\n}");
        assertTrue(assertThrows(InputException.class, () -> SnapshotJson.read(broken)).getMessage()
                .startsWith(broken + ":3:"));
        String unknown = SnapshotJson.write(snapshot(List.of(SSL))).replace("\"PgSetting\"", "\"FutureFact\"");
        Path f = Files.writeString(dir.resolve("u.json"), unknown);
        var e = assertThrows(InputException.class, () -> SnapshotJson.read(f));
        assertFalse(e.getMessage().isBlank());
        assertTrue(e.getMessage().contains("FutureFact"), e.getMessage());
    }
}
