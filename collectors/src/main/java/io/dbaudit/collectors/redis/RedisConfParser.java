package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.config.ConfigParseException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.redis.RedisAclUser;
import io.dbaudit.model.facts.redis.RedisConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static scanning of a redis.conf: produces the facts a live scan reads through CONFIG GET * and ACL LIST, in
 * the same names and value forms, so the Redis rules evaluate on files in CI.
 *
 * <ul>
 * <li>Syntax as Redis 7 reads it: one directive per line, lines starting with {@code #} are comments (a
 * {@code #} after a value is NOT a comment, and Redis refuses the line: so do we), arguments split as
 * {@code sdssplitargs} does (see {@link RedisConfArgs}), directive names case-insensitive.</li>
 * <li>Values in CONFIG GET's form: memory values in bytes ({@code 1gb} → 1073741824, {@code 1k} → 1000),
 * booleans and enums lower-cased; {@code save} lines accumulate ("3600 1 300 100"; {@code save ""} clears);
 * a later {@code bind} replaces an earlier one; for other directives the last one wins. Values Redis would
 * refuse for the directives it knows by type ({@link RedisConfDefaults}) are refused with file:line.</li>
 * <li>Directives the file does not set but a rule reads get Redis 7.0's default, as CONFIG GET would show it.</li>
 * <li>A deprecated alias ({@code slaveof}, {@code slave-*}, {@code *-ziplist-*}) gives two facts: one under the
 * name written (which REDIS-TUN-006 reports) and one under the current name (which the other rules read).</li>
 * <li>Secrets ({@code requirepass}, {@code masterauth}, {@code tls-key-file-pass}, ...) are "set" or "";
 * passwords in {@code user} lines are counted. No value of theirs reaches a fact or an exception message.</li>
 * <li>{@code include path}: Redis resolves a relative path against its working directory, which a file scan
 * cannot know; this parser resolves it against the directory of the including file. A missing include or an
 * include cycle is a file:line error at the include line.</li>
 * <li>{@code rename-command NAME NEW}: CONFIG GET has no such parameter; renames are recorded in one static-only
 * {@code RedisConfig("rename-command", "config=disabled flushall=renamed")} (lower-cased command names; the new
 * name is a secret of sorts and is never kept).</li>
 * <li>{@code user} lines become {@link RedisAclUser} facts as ACL LIST would list them; without a
 * {@code user default} line the default user is Redis's implicit one ("on nopass ~* &amp;* +@all", or with the
 * requirepass password). With {@code aclfile} set the users come from that file (resolved like an include);
 * if it cannot be read here, RedisAclUser is reported as a collection error, not guessed.</li>
 * </ul>
 * Live-only kinds (RedisServer, RedisInfo, RedisRole, RedisReplica, RedisLastSave) are not collected, so
 * rules needing them come out SKIPPED (static).
 */
public final class RedisConfParser {
    private static final Pattern MEMORY = Pattern.compile("(?i)(\\d+)(b|k|kb|m|mb|g|gb)?");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,18})");
    private static final Pattern SAVE_NUMBER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Set<String> MULTI_JOINED = Set.of("oom-score-adj-values", "latency-tracking-info-percentiles",
            "shutdown-on-sigint", "shutdown-on-sigterm");

    private RedisConfParser() {
    }

    /** The config-file target for {@code file}: id {@code file:<absolute path>}, engine REDIS, source=config-file. */
    public static Target target(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put(Target.SOURCE, Target.SOURCE_CONFIG_FILE);
        params.put("file", p);
        return new Target("file:" + p, EngineKind.REDIS, p, params);
    }

    /**
     * Parses {@code file} (and its includes) into RedisConfig and RedisAclUser facts.
     *
     * @throws ConfigParseException a file Redis would refuse or that cannot be read, as {@code file:line: message}
     */
    public static TargetFacts parse(Path file) throws ConfigParseException {
        Path abs = file.toAbsolutePath().normalize();
        State state = new State();
        state.load(abs, new ArrayDeque<>(), null, 0);
        return state.facts(target(abs), abs);
    }

    private record UserLine(Path file, int line, List<String> args) {
    }

    private static final class State {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, String> aliases = new LinkedHashMap<>();
        final List<String> save = new ArrayList<>();
        boolean saveLoaded;
        final Map<String, String> outputLimits = new LinkedHashMap<>();
        final Map<String, String> renames = new LinkedHashMap<>();
        final Map<String, UserLine> users = new LinkedHashMap<>();

        State() {
            outputLimits.put("normal", "0 0 0");
            outputLimits.put("slave", "268435456 67108864 60");
            outputLimits.put("pubsub", "33554432 8388608 60");
        }

        void load(Path file, Deque<Path> stack, Path from, int fromLine) throws ConfigParseException {
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException e) {
                throw from == null ? new ConfigParseException(file.toString(), 0, "no such file")
                        : new ConfigParseException(from.toString(), fromLine, "include " + clean(file.toString())
                        + ": no such file");
            } catch (IOException | SecurityException e) {
                throw error(file, from, fromLine, "cannot read: " + e.getClass().getSimpleName());
            }
            if (stack.contains(real)) {
                List<String> chain = new ArrayList<>();
                stack.descendingIterator().forEachRemaining(p -> chain.add(clean(p.toString())));
                chain.add(clean(real.toString()));
                throw new ConfigParseException(from.toString(), fromLine, "include cycle: " + String.join(" -> ", chain));
            }
            if (Files.isDirectory(real)) {
                throw error(file, from, fromLine, "is a directory, not a redis.conf");
            }
            String text;
            try {
                text = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
            } catch (IOException | SecurityException | OutOfMemoryError e) {
                throw error(file, from, fromLine, "cannot read: " + e.getClass().getSimpleName());
            }
            stack.push(real);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                line(file, i + 1, lines[i], stack);
            }
            stack.pop();
        }

        private static ConfigParseException error(Path file, Path from, int fromLine, String what) {
            return from == null ? new ConfigParseException(file.toString(), 0, what)
                    : new ConfigParseException(from.toString(), fromLine, "include " + clean(file.toString()) + ": " + what);
        }

        void line(Path file, int ln, String raw, Deque<Path> stack) throws ConfigParseException {
            String line = strip(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            List<String> args = RedisConfArgs.split(line);
            if (args == null) {
                throw new ConfigParseException(file.toString(), ln, "unbalanced quotes in configuration line");
            }
            if (args.isEmpty()) {
                return;
            }
            String name = args.get(0).toLowerCase(Locale.ROOT);
            List<String> a = args.subList(1, args.size());
            String f = file.toString();
            switch (name) {
                case "include" -> {
                    arity(f, ln, name, a, 1);
                    Path inc;
                    try {
                        inc = Path.of(a.get(0));
                    } catch (InvalidPathException e) {
                        throw new ConfigParseException(f, ln, "include: invalid path");
                    }
                    if (!inc.isAbsolute()) {
                        inc = file.getParent().resolve(inc);
                    }
                    load(inc.normalize(), stack, file, ln);
                }
                case "rename-command" -> {
                    arity(f, ln, name, a, 2);
                    renames.put(a.get(0).toLowerCase(Locale.ROOT), a.get(1).isEmpty() ? "disabled" : "renamed");
                }
                case "user" -> {
                    if (a.isEmpty()) {
                        throw new ConfigParseException(f, ln, "user: missing user name");
                    }
                    String user = a.get(0);
                    UserLine before = users.get(user);
                    if (before != null && !user.equals("default")) {
                        throw new ConfigParseException(f, ln, "duplicate user '" + safe(user) + "' (first at "
                                + before.file() + ":" + before.line() + ")");
                    }
                    users.put(user, new UserLine(file, ln, List.copyOf(a)));
                }
                case "save" -> save(f, ln, a);
                case "bind" -> {
                    if (a.isEmpty()) {
                        throw new ConfigParseException(f, ln, "bind: wrong number of arguments");
                    }
                    values.put("bind", String.join(" ", a));
                }
                case "replicaof", "slaveof" -> {
                    arity(f, ln, name, a, 2);
                    String v;
                    if (a.get(0).equalsIgnoreCase("no") && a.get(1).equalsIgnoreCase("one")) {
                        v = "";
                    } else {
                        if (!INTEGER.matcher(a.get(1)).matches() || Long.parseLong(a.get(1)) < 0
                                || Long.parseLong(a.get(1)) > 65535) {
                            throw new ConfigParseException(f, ln, name + ": invalid master port");
                        }
                        v = a.get(0) + " " + a.get(1);
                    }
                    put(name, v);
                }
                case "client-output-buffer-limit" -> outputLimits(f, ln, a);
                case "loadmodule" -> {
                    // modules are not configuration parameters: CONFIG GET does not list them
                }
                case "sentinel" -> throw new ConfigParseException(f, ln,
                        "sentinel directive: this looks like a sentinel.conf, not a redis.conf");
                default -> {
                    if (MULTI_JOINED.contains(name)) {
                        if (a.isEmpty()) {
                            throw new ConfigParseException(f, ln, name + ": wrong number of arguments");
                        }
                        put(name, String.join(" ", a).toLowerCase(Locale.ROOT));
                        return;
                    }
                    arity(f, ln, name, a, 1);
                    String current = RedisCollector.currentName(name);
                    put(name, value(f, ln, name, current, a.get(0)));
                }
            }
        }

        /** Records under the current name and, for a deprecated alias, under the name written too. */
        private void put(String name, String value) {
            String current = RedisCollector.currentName(name);
            String v = RedisCollector.SECRET_CONFIGS.contains(current) || RedisCollector.SECRET_CONFIGS.contains(name)
                    ? (value.isEmpty() ? "" : "set") : value;
            values.put(current, v);
            if (!current.equals(name)) {
                aliases.put(name, v);
            }
        }

        private static void arity(String f, int ln, String name, List<String> a, int expected) throws ConfigParseException {
            if (a.size() != expected) {
                throw new ConfigParseException(f, ln, name + ": wrong number of arguments (" + a.size() + " given, "
                        + expected + " expected" + (a.size() > expected ? "; redis.conf has no comments after a value" : "")
                        + ")");
            }
        }

        private static String value(String f, int ln, String name, String current, String raw) throws ConfigParseException {
            RedisConfDefaults.Directive d = RedisConfDefaults.KNOWN.get(current);
            boolean secret = RedisCollector.SECRET_CONFIGS.contains(current);
            if (d == null) {
                return raw.equalsIgnoreCase("yes") || raw.equalsIgnoreCase("no") ? raw.toLowerCase(Locale.ROOT) : raw;
            }
            String lower = raw.toLowerCase(Locale.ROOT);
            switch (d.type()) {
                case BOOL -> {
                    if (!lower.equals("yes") && !lower.equals("no")) {
                        throw new ConfigParseException(f, ln, name + ": argument must be 'yes' or 'no'");
                    }
                    return lower;
                }
                case ENUM -> {
                    if (!d.choices().contains(lower)) {
                        throw new ConfigParseException(f, ln, name + ": argument must be one of "
                                + String.join(", ", new java.util.TreeSet<>(d.choices())));
                    }
                    return lower;
                }
                case INT -> {
                    if (!INTEGER.matcher(raw).matches()) {
                        throw new ConfigParseException(f, ln, name + ": argument couldn't be parsed into an integer"
                                + (secret ? "" : " ('" + safe(raw) + "')"));
                    }
                    return Long.toString(Long.parseLong(raw));
                }
                case MEMORY -> {
                    Long bytes = memory(raw);
                    if (bytes == null) {
                        throw new ConfigParseException(f, ln, name + ": argument must be a memory value"
                                + " (bytes, or a number with b, k, kb, m, mb, g or gb)");
                    }
                    return Long.toString(bytes);
                }
                default -> {
                    return raw;
                }
            }
        }

        /** Redis's memtoull: k/m/g are powers of 1000, kb/mb/gb of 1024; null when not a memory value. */
        static Long memory(String raw) {
            Matcher m = MEMORY.matcher(raw);
            if (!m.matches() || m.group(1).length() > 19) {
                return null;
            }
            long mult = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1000L;
                case "kb" -> 1024L;
                case "m" -> 1000_000L;
                case "mb" -> 1024L * 1024;
                case "g" -> 1000_000_000L;
                case "gb" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            try {
                return Math.multiplyExact(Long.parseLong(m.group(1)), mult);
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }

        /** As Redis 7: the first save line replaces the default, later ones add, {@code save ""} clears. */
        private void save(String f, int ln, List<String> a) throws ConfigParseException {
            List<String> args = a;
            if (args.size() == 1 && args.get(0).isEmpty()) {
                save.clear();
                args = List.of();
            }
            if (a.isEmpty() || args.size() % 2 != 0) {
                throw new ConfigParseException(f, ln, "save: invalid save parameters (pairs of seconds and changes)");
            }
            List<String> pairs = new ArrayList<>();
            for (int j = 0; j < args.size(); j++) {
                String x = args.get(j);
                if (!SAVE_NUMBER.matcher(x).matches()) {
                    throw new ConfigParseException(f, ln, "save: invalid save parameters ('" + safe(x) + "')");
                }
                long v = Long.parseLong(x);
                if ((j % 2 == 0 && v < 1) || (j % 2 == 1 && v < 0)) {
                    throw new ConfigParseException(f, ln, "save: invalid save parameters (seconds must be at least 1,"
                            + " changes at least 0)");
                }
                pairs.add(Long.toString(v));
            }
            if (!saveLoaded) {
                saveLoaded = true;
                save.clear();
            }
            save.addAll(pairs);
        }

        private void outputLimits(String f, int ln, List<String> a) throws ConfigParseException {
            if (a.isEmpty() || a.size() % 4 != 0) {
                throw new ConfigParseException(f, ln, "client-output-buffer-limit: wrong number of arguments"
                        + " (class hard soft seconds)");
            }
            for (int i = 0; i < a.size(); i += 4) {
                String cls = a.get(i).toLowerCase(Locale.ROOT);
                if (cls.equals("replica")) {
                    cls = "slave";
                }
                if (!outputLimits.containsKey(cls)) {
                    throw new ConfigParseException(f, ln, "client-output-buffer-limit: invalid client class '"
                            + safe(a.get(i)) + "' (normal, replica or pubsub)");
                }
                Long hard = memory(a.get(i + 1));
                Long soft = memory(a.get(i + 2));
                if (hard == null || soft == null || !INTEGER.matcher(a.get(i + 3)).matches()
                        || Long.parseLong(a.get(i + 3)) < 0) {
                    throw new ConfigParseException(f, ln, "client-output-buffer-limit: invalid limits for class " + cls);
                }
                outputLimits.put(cls, hard + " " + soft + " " + Long.parseLong(a.get(i + 3)));
            }
            StringBuilder v = new StringBuilder();
            outputLimits.forEach((k, x) -> v.append(v.length() == 0 ? "" : " ").append(k).append(' ').append(x));
            values.put("client-output-buffer-limit", v.toString());
        }

        TargetFacts facts(Target target, Path top) throws ConfigParseException {
            Map<String, String> all = new TreeMap<>();
            for (RedisConfDefaults.Directive d : RedisConfDefaults.defaulted()) {
                all.put(d.name(), d.defaultValue());
            }
            all.putAll(values);
            if (saveLoaded) {
                all.put("save", String.join(" ", save));
            }
            all.putAll(aliases);
            if (!renames.isEmpty()) {
                StringBuilder v = new StringBuilder();
                renames.forEach((k, x) -> v.append(v.length() == 0 ? "" : " ").append(k).append('=').append(x));
                all.put("rename-command", v.toString());
            }
            List<Fact> facts = new ArrayList<>();
            all.forEach((k, v) -> facts.add(new RedisConfig(k, v)));
            Set<String> collected = new LinkedHashSet<>();
            collected.add(RedisConfig.class.getSimpleName());

            boolean requirepass = "set".equals(all.get("requirepass"));
            String aclfile = all.getOrDefault("aclfile", "");
            if (!aclfile.isEmpty()) {
                if (!users.isEmpty()) {
                    UserLine first = users.values().iterator().next();
                    throw new ConfigParseException(first.file().toString(), first.line(), "user lines and aclfile cannot"
                            + " both be used (Redis refuses to start)");
                }
                Path acl = Path.of(aclfile);
                if (!acl.isAbsolute()) {
                    acl = top.getParent().resolve(acl);
                }
                if (!Files.isRegularFile(acl) || !Files.isReadable(acl)) {
                    facts.add(new CollectionError(RedisAclUser.class.getSimpleName(), ErrorReason.UNSUPPORTED,
                            "aclfile " + acl + " is not readable here: ACL users unknown"));
                    return new TargetFacts(target, null, facts, collected);
                }
                readAclFile(acl.normalize());
            }
            Map<String, String> lines = new TreeMap<>();
            lines.put("default", RedisConfUsers.implicitDefault(requirepass));
            for (UserLine u : users.values()) {
                try {
                    lines.put(u.args().get(0), RedisConfUsers.aclListLine(u.args()));
                } catch (RedisConfUsers.Refused e) {
                    throw new ConfigParseException(u.file().toString(), u.line(), e.getMessage());
                }
            }
            lines.values().forEach(l -> facts.add(AclRules.parse(l)));
            collected.add(RedisAclUser.class.getSimpleName());
            return new TargetFacts(target, null, facts, collected);
        }

        /** An aclfile: one {@code user} line per user, blank lines and # comments skipped. */
        private void readAclFile(Path acl) throws ConfigParseException {
            String text;
            try {
                text = new String(Files.readAllBytes(acl), StandardCharsets.UTF_8);
            } catch (IOException | SecurityException e) {
                throw new ConfigParseException(acl.toString(), 0, "cannot read: " + e.getMessage());
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = strip(lines[i]);
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> args = RedisConfArgs.split(line);
                if (args == null) {
                    throw new ConfigParseException(acl.toString(), i + 1, "unbalanced quotes in ACL line");
                }
                if (args.isEmpty() || !args.get(0).equalsIgnoreCase("user") || args.size() < 2) {
                    throw new ConfigParseException(acl.toString(), i + 1, "an aclfile line must be 'user <name> <rules>'");
                }
                String user = args.get(1);
                if (users.containsKey(user)) {
                    throw new ConfigParseException(acl.toString(), i + 1, "duplicate user '" + safe(user) + "'");
                }
                users.put(user, new UserLine(acl, i + 1, List.copyOf(args.subList(1, args.size()))));
            }
        }
    }

    /** Redis's sdstrim(line, " \t\r\n"). */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && " \t\r\n".indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && " \t\r\n".indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Control characters shown as '?', so a message stays one line. */
    private static String clean(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** Text for a one-line message: control characters shown as '?', at most 60 characters. */
    private static String safe(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
