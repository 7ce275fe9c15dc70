package io.dbaudit.collectors.config;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static scanning of PostgreSQL configuration files: turns postgresql.conf (with its includes and a
 * postgresql.auto.conf beside it) and pg_hba.conf into the same facts the live collector reads from
 * pg_settings, pg_file_settings and pg_hba_file_rules, with file:line provenance. Not a live
 * {@code Collector}: it opens no connection. The target it builds is marked
 * {@code source=config-file}, so rules needing live-only facts come out SKIPPED (static).
 */
public final class ConfigFileCollector {
    public static final String PG_VERSION = "pg-version";

    /** What a file was recognised as. */
    public enum Kind { POSTGRESQL_CONF, HBA, UNKNOWN }

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^[A-Za-z_][A-Za-z0-9_.]*\\s+('[^']*'|[^\\s#']+)\\s*(#.*)?$");
    private static final Pattern CONF_INCLUDE = Pattern.compile("^\\s*include(_if_exists|_dir)?\\s*=?\\s*'");
    private static final Pattern HBA_LINE = Pattern.compile(
            "^\\s*(local|host|hostssl|hostnossl|hostgssenc|hostnogssenc)\\s+\\S+\\s+\\S+\\s+\\S+.*");

    private final PostgresqlConfParser confParser = new PostgresqlConfParser();
    private final PgHbaParser hbaParser = new PgHbaParser();
    private final ConfigSettings settings;

    public ConfigFileCollector() {
        this(ParameterTable.builtIn());
    }

    public ConfigFileCollector(ParameterTable table) {
        this.settings = new ConfigSettings(table);
    }

    /**
     * Scans the given files and directories as ONE target (one server's configuration).
     * A directory contributes its postgresql.conf (then postgresql.auto.conf) and its pg_hba.conf or
     * {@code *hba*.conf}; a directory with no postgresql.conf contributes its {@code *.conf} files that
     * read as postgresql.conf, in C-locale name order. A file is recognised by its name, else by content.
     * postgresql.conf files are applied in the order given, each followed by the postgresql.auto.conf
     * beside it, so the last assignment wins as on the server.
     *
     * @param pgMajor the server major version when known (e.g. from {@code --pg-version}): adds a PgServer
     *                fact and picks version-dependent defaults
     * @throws ConfigParseException a file PostgreSQL would refuse, naming file:line; also for a path that
     *                              does not exist or holds no recognisable configuration file
     */
    public TargetFacts scan(List<Path> paths, Optional<Integer> pgMajor) throws ConfigParseException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no configuration path given");
        }
        List<Path> confFiles = new ArrayList<>();
        List<Path> hbaFiles = new ArrayList<>();
        for (Path given : paths) {
            Path p = given.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                collectDirectory(p, confFiles, hbaFiles);
            } else if (Files.isRegularFile(p)) {
                switch (detect(p)) {
                    case POSTGRESQL_CONF -> addConf(p, confFiles);
                    case HBA -> hbaFiles.add(p);
                    default -> throw new ConfigParseException(p.toString(), 0,
                            "not recognised as postgresql.conf or pg_hba.conf");
                }
            } else {
                throw new ConfigParseException(p.toString(), 0, "no such file or directory");
            }
        }
        if (confFiles.isEmpty() && hbaFiles.isEmpty()) {
            throw new ConfigParseException(paths.get(0).toAbsolutePath().normalize().toString(), 0,
                    "no postgresql.conf or pg_hba.conf found");
        }

        List<Fact> facts = new ArrayList<>();
        Set<String> collected = new LinkedHashSet<>();
        if (!confFiles.isEmpty()) {
            List<ConfigEntry> entries = new ArrayList<>();
            for (Path f : confFiles) {
                entries.addAll(confParser.parse(f));
            }
            ConfigSettings.Result r = settings.apply(entries, pgMajor);
            facts.addAll(r.settings());
            facts.addAll(r.fileSettings());
            collected.add("PgSetting");
            collected.add("PgFileSetting");
        }
        for (Path f : hbaFiles) {
            facts.addAll(hbaParser.parse(f));
            collected.add("PgHbaEntry");
        }
        String version = null;
        if (pgMajor.isPresent()) {
            version = pgMajor.get() + " (from --pg-version)";
            facts.add(new PgServer(version, pgMajor.get() * 10000, null, null, false, false));
            collected.add("PgServer");
        }
        String where = describe(paths);
        Map<String, String> params = new LinkedHashMap<>();
        params.put(Target.SOURCE, Target.SOURCE_CONFIG_FILE);
        pgMajor.ifPresent(m -> params.put(PG_VERSION, String.valueOf(m)));
        Target target = new Target("file:" + where, EngineKind.POSTGRESQL, where, params);
        return new TargetFacts(target, version, facts, collected);
    }

    /** Scans each path as its own target (one per directory or file), in the order given. */
    public List<TargetFacts> scanEach(List<Path> paths, Optional<Integer> pgMajor) throws ConfigParseException {
        List<TargetFacts> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(scan(List.of(p), pgMajor));
        }
        return out;
    }

    private void collectDirectory(Path dir, List<Path> confFiles, List<Path> hbaFiles) throws ConfigParseException {
        Path conf = dir.resolve("postgresql.conf");
        Path auto = dir.resolve("postgresql.auto.conf");
        List<Path> all = PostgresqlConfParser.confFilesIn(dir);
        for (Path f : all) {
            if (isHbaName(f.getFileName().toString())) {
                hbaFiles.add(f);
            }
        }
        if (Files.isRegularFile(conf)) {
            addConf(conf, confFiles);
        } else if (Files.isRegularFile(auto)) {
            confFiles.add(auto);
        } else {
            for (Path f : all) {
                String n = f.getFileName().toString();
                if (!isHbaName(n) && !n.equals("pg_ident.conf") && !n.equals("pg_ctl.conf")
                        && !n.equals("start.conf") && detect(f) == Kind.POSTGRESQL_CONF) {
                    confFiles.add(f);
                }
            }
        }
    }

    /** Adds a postgresql.conf and, right after it, the postgresql.auto.conf beside it (ALTER SYSTEM wins). */
    private static void addConf(Path conf, List<Path> confFiles) {
        if (confFiles.contains(conf)) {
            return;
        }
        confFiles.add(conf);
        if (conf.getFileName().toString().equals("postgresql.conf") && conf.getParent() != null) {
            Path auto = conf.getParent().resolve("postgresql.auto.conf");
            if (Files.isRegularFile(auto) && !confFiles.contains(auto)) {
                confFiles.add(auto);
            }
        }
    }

    private static boolean isHbaName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("pg_hba.conf") || (n.contains("hba") && n.endsWith(".conf"));
    }

    /** By name first (postgresql.conf, postgresql.auto.conf, pg_hba.conf, *hba*.conf), then by content. */
    public static Kind detect(Path file) {
        String n = file.getFileName().toString();
        if (n.equals("postgresql.conf") || n.equals("postgresql.auto.conf")) {
            return Kind.POSTGRESQL_CONF;
        }
        if (isHbaName(n)) {
            return Kind.HBA;
        }
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Kind.UNKNOWN;
        }
        return detectContent(content);
    }

    /** Counts lines that read as hba rules against lines that read as assignments. */
    public static Kind detectContent(String content) {
        int hba = 0;
        int conf = 0;
        for (String raw : content.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (HBA_LINE.matcher(line).matches()) {
                hba++;
            } else if (CONF_INCLUDE.matcher(line).find() || line.matches("^[A-Za-z_][A-Za-z0-9_.]*\\s*=.*")) {
                conf++;
            } else if (ASSIGNMENT.matcher(line).matches() && !line.startsWith("include")) {
                conf++;
            }
        }
        if (hba == 0 && conf == 0) {
            return Kind.UNKNOWN;
        }
        return hba > conf ? Kind.HBA : Kind.POSTGRESQL_CONF;
    }

    private static String describe(List<Path> paths) {
        if (paths.size() == 1) {
            return paths.get(0).toAbsolutePath().normalize().toString();
        }
        Path parent = null;
        boolean same = true;
        for (Path p : paths) {
            Path a = p.toAbsolutePath().normalize();
            Path dir = Files.isDirectory(a) ? a : a.getParent();
            if (parent == null) {
                parent = dir;
            } else if (!parent.equals(dir)) {
                same = false;
            }
        }
        if (same && parent != null) {
            return parent.toString();
        }
        List<String> names = new ArrayList<>();
        paths.forEach(p -> names.add(p.toAbsolutePath().normalize().toString()));
        return String.join(",", names);
    }
}
