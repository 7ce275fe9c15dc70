package io.dbaudit.cli;

import io.dbaudit.engine.waiver.Waiver;
import io.dbaudit.engine.waiver.WaiverFile;
import io.dbaudit.engine.waiver.WaiverLint;
import io.dbaudit.engine.yaml.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "waivers", mixinStandardHelpOptions = true, description = "Work with waiver files.",
        subcommands = {WaiversCommand.Lint.class})
final class WaiversCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return ExitCode.OK.code();
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Check a waiver file: structure, unknown rules, missing justification, past or far-future expiry.",
            footer = {"", "Exit codes: 0 clean, 2 problems found (each printed as file:line: message)."})
    static final class Lint implements Callable<Integer> {
        @Parameters(paramLabel = "WAIVERS.yaml")
        Path file;

        @Option(names = "--rules", paramLabel = "DIR", description = "Rule packs the waivers may refer to (repeatable).")
        List<Path> packs = new ArrayList<>();

        @Option(names = "--max-days", defaultValue = "365",
                description = "Longest allowed time to expiry (default: ${DEFAULT-VALUE}).")
        int maxDays;

        @Override
        public Integer call() {
            List<Waiver> waivers;
            try {
                waivers = WaiverFile.load(file);
            } catch (InputException e) {
                throw new BadInputException(e.getMessage());
            }
            List<String> problems = WaiverLint.lint(waivers, RuleSetup.catalog(packs), LocalDate.now(ZoneOffset.UTC), maxDays);
            problems.forEach(System.out::println);
            System.out.println(waivers.size() + " waiver(s), " + problems.size() + " problem(s)");
            return (problems.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT).code();
        }
    }
}
