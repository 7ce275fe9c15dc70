package io.dbaudit.collectors.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A libpq password file ({@code ~/.pgpass} or {@code $PGPASSFILE}): lines of
 * {@code hostname:port:database:username:password}, where {@code *} matches anything, {@code \:} and
 * {@code \\} escape, {@code #} starts a comment line, and the first matching line wins. As libpq does, a
 * file readable by group or others is ignored: honouring it would make us laxer than psql.
 */
public final class PgPassFile {
    private final Path file;

    public PgPassFile(Path file) {
        this.file = file;
    }

    /** The file libpq would read: $PGPASSFILE, else ~/.pgpass (HOME from {@code env}, else user.home). */
    public static PgPassFile locate(Map<String, String> env) {
        String explicit = env.get("PGPASSFILE");
        if (explicit != null && !explicit.isEmpty()) {
            return new PgPassFile(Path.of(explicit));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new PgPassFile(Path.of(home, ".pgpass"));
    }

    public Path path() {
        return file;
    }

    /** The password of the first line matching all four fields, or empty when none does or the file is unusable. */
    public Optional<String> find(String host, int port, String database, String user) {
        if (!Files.isRegularFile(file) || !privateEnough(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            // libpq silently skips an unreadable password file; so do we.
            return Optional.empty();
        }
        // libpq uses "localhost" for Unix-socket connections; an absolute path host is a socket directory.
        String hostKey = host == null || host.isEmpty() || host.startsWith("/") ? "localhost" : host;
        String[] wanted = {hostKey, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<Field> fields = split(line);
            if (fields.size() < 5) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = fields.get(i).matches(wanted[i]);
            }
            if (match) {
                return Optional.of(fields.get(4).text());
            }
        }
        return Optional.empty();
    }

    /** One unescaped field; {@code wildcard} only for a bare {@code *} (an escaped {@code \*} is a literal star). */
    record Field(String text, boolean wildcard) {
        boolean matches(String value) {
            return wildcard || text.equals(value);
        }
    }

    /**
     * Splits on unescaped colons into at most five fields and unescapes them; the fifth field (the password)
     * takes the rest of the line, so an unescaped colon in it is kept, as libpq does.
     */
    static List<Field> split(String line) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                escaped = true;
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field(current, escaped));
                current.setLength(0);
                escaped = false;
            } else {
                current.append(c);
            }
        }
        fields.add(field(current, escaped));
        return fields;
    }

    private static Field field(StringBuilder text, boolean escaped) {
        String t = text.toString();
        return new Field(t, !escaped && t.equals("*"));
    }

    private static boolean privateEnough(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
        } catch (UnsupportedOperationException e) {
            return true; // not a POSIX file system (Windows): libpq does not check there either
        } catch (IOException e) {
            return false;
        }
    }
}
