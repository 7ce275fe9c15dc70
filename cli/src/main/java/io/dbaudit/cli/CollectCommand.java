package io.dbaudit.cli;

import io.dbaudit.engine.snapshot.NameRedactor;
import io.dbaudit.engine.snapshot.Snapshot;
import io.dbaudit.engine.snapshot.SnapshotJson;
import io.dbaudit.engine.snapshot.SnapshotTarget;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect facts only and write them as a snapshot, to evaluate later or elsewhere.",
        footer = {"", "Exit codes: 0 ok, 1 tool error, 2 bad input, 5 a target could not be collected."})
final class CollectCommand implements Callable<Integer> {
    @Mixin
    TargetOptions targets = new TargetOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "facts.json",
            description = "Snapshot file (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--redact-names", description = "Replace object names (roles, databases, tables, ...) with "
            + "salted hashes, for sharing the snapshot with an outside reviewer.")
    boolean redactNames;

    @Override
    public Integer call() throws IOException {
        List<TargetSpec> specs = targets.specs();
        List<CollectedTarget> collected = new FleetCollector(targets.collectOptions(), targets.parallel,
                Duration.ofSeconds(targets.targetTimeout)).collect(specs);
        NameRedactor redactor = redactNames ? new NameRedactor() : null;
        List<SnapshotTarget> out = new ArrayList<>();
        boolean incomplete = false;
        for (CollectedTarget c : collected) {
            TargetInfo info = c.info();
            incomplete |= info.status() != TargetStatus.COMPLETE && info.status() != TargetStatus.PARTIAL;
            List<Fact> facts = c.facts() == null ? List.of() : c.facts().facts();
            if (redactor != null) {
                facts = facts.stream().map(redactor::redact).toList();
                info = new TargetInfo(info.id(), info.engine(), redactor.hash(info.endpoint()), info.version(),
                        info.status(), info.detail() == null ? null : "[redacted]", info.durationMillis());
            }
            var target = c.spec().target();
            if (redactor != null) {
                target = new io.dbaudit.model.Target(target.id(), target.engine(), info.endpoint(), target.parameters());
            }
            out.add(new SnapshotTarget(info, target, c.facts() == null ? null : c.facts().collected(), facts));
        }
        Snapshot snapshot = new Snapshot(Snapshot.VERSION, VersionInfo.tool(), Instant.now(), redactNames, out);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".facts", ".tmp");
        try {
            Files.writeString(tmp, SnapshotJson.write(snapshot), StandardCharsets.UTF_8);
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        for (CollectedTarget c : collected) {
            System.out.println(c.info().id() + ": " + c.info().status()
                    + (c.facts() == null ? "" : " (" + c.facts().facts().size() + " facts)"));
        }
        System.out.println("Snapshot: " + output.toAbsolutePath().normalize()
                + (redactNames ? " (object names redacted)" : ""));
        return (incomplete ? ExitCode.INCOMPLETE : ExitCode.OK).code();
    }
}
