package io.dbaudit.cli;

import io.dbaudit.cli.inventory.Inventory;
import io.dbaudit.cli.inventory.InventoryTarget;
import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.engine.yaml.InputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which targets to reach and how (a picocli mixin shared by scan and collect). */
final class TargetOptions {
    @Option(names = {"-t", "--target"}, paramLabel = "URL",
            description = "Target URL, repeatable: postgresql://user@host:5432/db?sslmode=require")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", description = "A fleet inventory (YAML).")
    Path inventory;

    @Option(names = "--tags", split = ",", paramLabel = "TAG",
            description = "Only inventory targets carrying all these tags.")
    List<String> tags = new ArrayList<>();

    @ArgGroup(exclusive = true)
    PasswordOptions password = new PasswordOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "Targets scanned at once (default: 4).",
            defaultValue = "4")
    int parallel;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect timeout per target (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "statement_timeout of the scanner's sessions (default: ${DEFAULT-VALUE}).")
    int statementTimeout;

    @Option(names = "--target-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Total time one target may take before it is given up (default: ${DEFAULT-VALUE}).")
    int targetTimeout;

    static final class PasswordOptions {
        @Option(names = "--password-env", paramLabel = "NAME",
                description = "Read the password of --target URLs from this environment variable.")
        String env;

        @Option(names = "--password-file", paramLabel = "PATH",
                description = "Read the password of --target URLs from the first line of this file.")
        Path file;

        PasswordSource source() {
            if (env != null) {
                return new PasswordSource.FromEnv(env);
            }
            if (file != null) {
                return new PasswordSource.FromFile(file);
            }
            return new PasswordSource.Default();
        }
    }

    boolean given() {
        return !targets.isEmpty() || inventory != null;
    }

    List<TargetSpec> specs() {
        List<TargetSpec> specs = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        PasswordSource cliPassword = password == null ? new PasswordSource.Default() : password.source();
        for (String url : targets) {
            try {
                var t = Targets.parse(url);
                add(specs, seen, new TargetSpec(t, cliPassword), "--target");
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--target: " + e.getMessage());
            }
        }
        if (inventory != null) {
            try {
                for (InventoryTarget it : Inventory.load(inventory)) {
                    if (it.tags().containsAll(tags)) {
                        add(specs, seen, new TargetSpec(it.target(), it.password()), it.location());
                    }
                }
            } catch (InputException e) {
                throw new BadInputException(e.getMessage());
            }
        } else if (!tags.isEmpty()) {
            throw new BadInputException("--tags selects inventory targets: give --inventory FILE");
        }
        if (specs.isEmpty()) {
            throw new BadInputException(inventory == null ? "give --target URL or --inventory FILE"
                    : "no inventory target matches --tags " + tags);
        }
        if (parallel < 1) {
            throw new BadInputException("--parallel must be at least 1");
        }
        return PatroniMembers.expand(specs);
    }

    private static void add(List<TargetSpec> specs, Map<String, String> seen, TargetSpec spec, String where) {
        String previous = seen.putIfAbsent(spec.target().id(), where);
        if (previous != null) {
            throw new BadInputException(where + ": target id " + spec.target().id() + " is given twice (also " + previous + ")");
        }
        specs.add(spec);
    }

    CollectOptions collectOptions() {
        return new CollectOptions(Duration.ofSeconds(connectTimeout), Duration.ofSeconds(statementTimeout),
                CollectOptions.defaults().lockTimeout());
    }
}
