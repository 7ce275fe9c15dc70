package io.dbaudit.cli;

import io.dbaudit.collectors.config.ConfigFileCollector;
import io.dbaudit.collectors.config.ConfigParseException;
import io.dbaudit.collectors.mongo.MongodConfParser;
import io.dbaudit.collectors.patroni.PatroniYamlParser;
import io.dbaudit.collectors.redis.RedisConfParser;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.HostResources;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.collectors.PasswordSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code scan --config PATH}: configuration files become targets whose facts are the same records the
 * live collectors produce, so the same rules judge them (rules needing a live server are SKIPPED). The
 * engine of each file comes from its name, then its content, unless {@code --engine} says.
 */
final class ConfigTargets {
    private static final Pattern YAML_TOP_KEY = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*):");

    private ConfigTargets() {
    }

    static List<CollectedTarget> load(List<Path> paths, Optional<EngineKind> forced, Optional<Integer> pgMajor) {
        List<Path> pgFiles = new ArrayList<>();
        List<CollectedTarget> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new BadInputException("--config " + p + ": no such file or directory");
            }
            for (Path f : expand(p)) {
                EngineKind engine = forced.orElseGet(() -> detect(f));
                if (engine == null) {
                    if (Files.isDirectory(p)) {
                        continue;  // a directory may hold unrelated files; a named file may not
                    }
                    throw new BadInputException("--config " + f + ": cannot tell which engine this file configures;"
                            + " name it postgresql.conf, pg_hba.conf, patroni.yml, redis.conf or mongod.conf, or give --engine");
                }
                switch (engine) {
                    case POSTGRESQL -> pgFiles.add(f);
                    case PATRONI -> out.add(collected(f, parsePatroni(f)));
                    case REDIS -> out.add(collected(f, parseStatic(() -> RedisConfParser.parse(f))));
                    case MONGODB -> out.add(collected(f, parseStatic(() -> MongodConfParser.parse(f))));
                }
            }
        }
        // postgresql.conf and pg_hba.conf of one directory describe one server: scan them together.
        var byDirectory = new java.util.LinkedHashMap<Path, List<Path>>();
        pgFiles.forEach(f -> byDirectory.computeIfAbsent(f.toAbsolutePath().getParent(), d -> new ArrayList<>()).add(f));
        for (List<Path> files : byDirectory.values()) {
            try {
                out.add(collected(files.get(0).getParent(), new ConfigFileCollector().scan(files, pgMajor)));
            } catch (ConfigParseException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("--config " + paths + ": no configuration file found");
        }
        return out;
    }

    private static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> files = Files.list(p)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("--config " + p + ": " + e.getMessage());
        }
    }

    static EngineKind detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("postgresql") && name.endsWith(".conf") || name.contains("hba") && name.endsWith(".conf")) {
            return EngineKind.POSTGRESQL;
        }
        if (name.startsWith("patroni") && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
            return EngineKind.PATRONI;
        }
        if (name.startsWith("redis") && name.endsWith(".conf")) {
            return EngineKind.REDIS;
        }
        if (name.startsWith("mongod") && (name.endsWith(".conf") || name.endsWith(".yml") || name.endsWith(".yaml"))) {
            return EngineKind.MONGODB;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        var keys = YAML_TOP_KEY.matcher(text).results().map(m -> m.group(1)).toList();
        if (keys.contains("scope") && keys.contains("postgresql")) {
            return EngineKind.PATRONI;
        }
        if (keys.contains("net") || keys.contains("storage") || keys.contains("systemLog")) {
            return EngineKind.MONGODB;
        }
        if (ConfigFileCollector.detectContent(text) != ConfigFileCollector.Kind.UNKNOWN) {
            return EngineKind.POSTGRESQL;
        }
        if (text.lines().map(String::strip).anyMatch(l -> l.matches("(port|bind|requirepass|save|appendonly|maxmemory)\\s+\\S.*"))) {
            return EngineKind.REDIS;
        }
        return null;
    }

    /** --memory/--cpus: the size of the host the files are for, as the HostResources fact live targets get. */
    static List<CollectedTarget> withHost(List<CollectedTarget> targets, String memory, Integer cpus) {
        if (memory == null) {
            if (cpus != null) {
                throw new BadInputException("--cpus needs --memory");
            }
            return targets;
        }
        long bytes;
        try {
            bytes = io.dbaudit.collectors.host.HostResourcesSource.parseBytes(memory);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--memory: " + e.getMessage());
        }
        HostResources host = new HostResources(bytes, cpus == null ? 0 : cpus, "parameter");
        List<CollectedTarget> out = new ArrayList<>();
        for (CollectedTarget c : targets) {
            TargetFacts f = c.facts();
            List<io.dbaudit.model.facts.Fact> facts = new ArrayList<>(f.facts());
            facts.add(host);
            java.util.Set<String> kinds = new java.util.HashSet<>(f.collected());
            kinds.add("HostResources");
            out.add(new CollectedTarget(c.spec(), new TargetFacts(f.target(), f.version(), facts, kinds), c.info()));
        }
        return out;
    }

    private interface StaticParse {
        TargetFacts parse() throws ConfigParseException;
    }

    private static TargetFacts parseStatic(StaticParse parse) {
        try {
            return parse.parse();
        } catch (ConfigParseException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static TargetFacts parsePatroni(Path f) {
        try {
            return PatroniYamlParser.parse(f);
        } catch (IOException e) {
            throw new BadInputException(f + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static CollectedTarget collected(Path file, TargetFacts facts) {
        var t = facts.target();
        return new CollectedTarget(new TargetSpec(t, new PasswordSource.Default()), facts,
                new TargetInfo(t.id(), t.engine(), t.endpoint(), facts.version(), TargetStatus.COMPLETE,
                        "configuration file(s): " + file, 0));
    }
}
