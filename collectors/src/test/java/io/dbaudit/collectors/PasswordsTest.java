package io.dbaudit.collectors;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {
    private static final Target TARGET = new Target("db1:5432/app", EngineKind.POSTGRESQL, "postgresql://db1/app",
            Map.of("host", "db1", "port", "5432", "database", "app", "user", "auditor"));

    @TempDir
    Path dir;

    @Test
    void fromEnvReadsTheNamedVariable() {
        Passwords passwords = new Passwords(Map.of("AUDIT_PW", "from-env"));
        assertEquals("from-env", passwords.lookup(new PasswordSource.FromEnv("AUDIT_PW"), TARGET).orElseThrow().reveal());
    }

    @Test
    void missingEnvVariableNamesOnlyTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Passwords(Map.of()).lookup(new PasswordSource.FromEnv("AUDIT_PW"), TARGET));
        assertTrue(e.getMessage().contains("AUDIT_PW"), e.getMessage());
    }

    @Test
    void fromFileTakesTheTrimmedFirstLine() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "  s3cret \nsecond line\n");
        Optional<Secret> secret = new Passwords(Map.of()).lookup(new PasswordSource.FromFile(file), TARGET);
        assertEquals("s3cret", secret.orElseThrow().reveal());
    }

    @Test
    void missingFileNamesTheFile() {
        Path file = dir.resolve("absent");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Passwords(Map.of()).lookup(new PasswordSource.FromFile(file), TARGET));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void defaultPrefersPgPassword() throws IOException {
        Path pgpass = privateFile("*:*:*:*:from-file\n");
        Passwords passwords = new Passwords(Map.of("PGPASSWORD", "from-env", "PGPASSFILE", pgpass.toString()));
        assertEquals("from-env", passwords.lookup(new PasswordSource.Default(), TARGET).orElseThrow().reveal());
    }

    @Test
    void defaultFallsBackToThePasswordFile() throws IOException {
        Path pgpass = privateFile("other:5432:app:auditor:wrong\ndb1:5432:app:auditor:right\n");
        Passwords passwords = new Passwords(Map.of("PGPASSFILE", pgpass.toString()));
        assertEquals("right", passwords.lookup(new PasswordSource.Default(), TARGET).orElseThrow().reveal());
    }

    @Test
    void defaultWithNothingConfiguredIsNoPassword() {
        Passwords passwords = new Passwords(Map.of("PGPASSFILE", dir.resolve("none").toString()));
        assertFalse(passwords.lookup(new PasswordSource.Default(), TARGET).isPresent());
    }

    @Test
    void secretNeverPrintsItself() {
        assertFalse(new Secret("hunter2").toString().contains("hunter2"));
    }

    private Path privateFile(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("pgpass"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
