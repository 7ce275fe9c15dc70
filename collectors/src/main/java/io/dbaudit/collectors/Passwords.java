package io.dbaudit.collectors;

import io.dbaudit.collectors.postgres.PgPassFile;
import io.dbaudit.model.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a {@link PasswordSource} to a password for one target. Error messages name the variable or the
 * file, never their content.
 */
public final class Passwords {
    private final Map<String, String> env;

    /** {@code env} stands in for the process environment, so tests can supply PGPASSWORD and PGPASSFILE. */
    public Passwords(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Optional<Secret> resolve(PasswordSource source, Target target) {
        return new Passwords(System.getenv()).lookup(source, target);
    }

    public Optional<Secret> lookup(PasswordSource source, Target target) {
        if (source instanceof PasswordSource.FromEnv fromEnv) {
            return Optional.of(fromEnv(fromEnv.variable()));
        }
        if (source instanceof PasswordSource.FromFile fromFile) {
            return Optional.of(fromFile(fromFile));
        }
        return byConvention(target);
    }

    private Secret fromEnv(String variable) {
        String value = env.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("password environment variable " + variable + " is not set");
        }
        return new Secret(value);
    }

    private static Secret fromFile(PasswordSource.FromFile source) {
        try {
            List<String> lines = Files.readAllLines(source.file());
            return new Secret(lines.isEmpty() ? "" : lines.get(0).trim());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("password file " + source.file() + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("password file " + source.file() + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** libpq's order: PGPASSWORD, then the password file; no password at all is fine (trust, peer, cert). */
    private Optional<Secret> byConvention(Target target) {
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(new Secret(fromEnv));
        }
        Map<String, String> p = target.parameters();
        int port;
        try {
            port = Integer.parseInt(p.getOrDefault("port", "5432"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return PgPassFile.locate(env)
                .find(p.get("host"), port, p.getOrDefault("database", "postgres"), p.getOrDefault("user", "postgres"))
                .map(Secret::new);
    }
}
