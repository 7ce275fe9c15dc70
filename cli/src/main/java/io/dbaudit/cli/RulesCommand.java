package io.dbaudit.cli;

import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.model.rule.Reference;
import io.dbaudit.model.rule.RuleMeta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List and show rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class, RulesValidate.class, RulesTest.class})
final class RulesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return ExitCode.OK.code();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule (built-in and --rules packs).")
    static final class ListRules implements Callable<Integer> {
        @Option(names = "--rules", paramLabel = "DIR", description = "Also list this rule pack (repeatable).")
        List<Path> packs = new ArrayList<>();

        @Option(names = "--engine", description = "Only rules for this engine.")
        String engine;

        @Override
        public Integer call() {
            RuleCatalog catalog = RuleSetup.catalog(packs);
            PrintStream out = System.out;
            List<RuleMeta> rules = catalog.rules().stream()
                    .filter(r -> engine == null || r.engines().stream().anyMatch(e -> e.label().equalsIgnoreCase(engine)))
                    .sorted(Comparator.comparing(RuleMeta::id)).toList();
            out.printf("%-14s %-9s %-11s %-11s %s%n", "ID", "SEVERITY", "AREA", "ENGINE", "TITLE");
            for (RuleMeta r : rules) {
                out.printf("%-14s %-9s %-11s %-11s %s%n", r.id(), r.severity(), r.area().label(),
                        r.engines().stream().map(e -> e.label()).collect(Collectors.joining(",")), r.title());
            }
            // The catalog by engine and area, so a reader sees what each pack covers.
            var byPack = new java.util.TreeMap<String, Long>();
            for (RuleMeta r : rules) {
                for (var e : r.engines()) {
                    byPack.merge(e.label() + "/" + r.area().label(), 1L, Long::sum);
                }
            }
            out.println(rules.size() + " rules: " + byPack.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            return ExitCode.OK.code();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one rule's metadata.")
    static final class ShowRule implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also search this rule pack (repeatable).")
        List<Path> packs = new ArrayList<>();

        @Override
        public Integer call() {
            RuleMeta r = RuleSetup.catalog(packs).rule(id)
                    .orElseThrow(() -> new BadInputException("unknown rule " + id + " (see `dbaudit rules list`)"));
            PrintStream out = System.out;
            out.println(r.id() + "  " + r.title());
            out.println("severity:    " + r.severity());
            out.println("area:        " + r.area().label());
            out.println("engines:     " + r.engines().stream().map(e -> e.label()).collect(Collectors.joining(", ")));
            out.println("requires:    " + String.join(", ", r.requires()));
            if (r.description() != null) {
                out.println("description: " + r.description().strip());
            }
            out.println("rationale:   " + r.rationale().strip());
            if (!r.parameters().isEmpty()) {
                out.println("parameters:  " + r.parameters());
            }
            if (r.remediation() != null) {
                out.println("remediation (" + r.remediation().language() + ", " + r.remediation().effect() + "):");
                out.println("  " + r.remediation().template().strip().replace("\n", "\n  "));
                if (r.remediation().rollback() != null) {
                    out.println("rollback:\n  " + r.remediation().rollback().strip().replace("\n", "\n  "));
                }
                if (r.remediation().notes() != null) {
                    out.println("notes:       " + r.remediation().notes().strip());
                }
            }
            for (Reference ref : r.references()) {
                out.println("reference:   " + ref.title() + " <" + ref.url() + ">");
            }
            r.frameworks().forEach((k, v) -> out.println("framework:   " + k + " " + v));
            out.println("source:      " + r.source());
            return ExitCode.OK.code();
        }
    }
}
