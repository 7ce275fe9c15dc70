package io.dbaudit.collectors;

import java.nio.file.Path;

/**
 * Where a target's password comes from — never a command-line value. {@link Default} means the engine's
 * own conventions (PGPASSWORD, then ~/.pgpass / PGPASSFILE for PostgreSQL; no password otherwise).
 */
public sealed interface PasswordSource {
    record FromEnv(String variable) implements PasswordSource {
    }

    record FromFile(Path file) implements PasswordSource {
    }

    record Default() implements PasswordSource {
    }
}
