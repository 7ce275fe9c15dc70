package io.dbaudit.cli;

import io.dbaudit.engine.catalog.CatalogProblem;
import io.dbaudit.engine.catalog.PackReader;
import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.engine.eval.KieBases;
import io.dbaudit.engine.eval.RuleCompilationException;
import io.dbaudit.engine.fixture.CatalogContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a rule pack: metadata schema, DRL/YAML pairs, fixtures, quoting in remediation, and that the DRL compiles.",
        footer = {"", "Exit codes: 0 valid, 2 problems (each printed as file[:line]: message)."})
final class RulesValidate implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
        List<String> problems = problems(dir);
        problems.forEach(System.out::println);
        System.out.println(problems.isEmpty() ? "valid" : problems.size() + " problem(s)");
        return (problems.isEmpty() ? ExitCode.OK : ExitCode.BAD_INPUT).code();
    }

    static List<String> problems(Path dir) {
        List<PackSource> pack;
        try {
            pack = PackReader.fromDirectory(dir);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        // Checked against the built-in ids too, so a user's rule cannot reuse one.
        RuleCatalog builtin = RuleCatalog.load(PackReader.fromClasspath(RulesValidate.class.getClassLoader()));
        RuleCatalog own = RuleCatalog.load(pack);
        List<String> problems = new ArrayList<>();
        CatalogContract.check(own).stream().map(CatalogProblem::toString).forEach(problems::add);
        own.rules().stream().filter(r -> builtin.rule(r.id()).isPresent())
                .forEach(r -> problems.add(r.source() + ": rule id " + r.id() + " is already a built-in rule"));
        List<PackSource> drl = pack.stream().filter(PackSource::isDrl).toList();
        if (!drl.isEmpty()) {
            try {
                KieBases.compile(drl);
            } catch (RuleCompilationException e) {
                problems.addAll(e.messages());
            }
        }
        return problems;
    }
}
