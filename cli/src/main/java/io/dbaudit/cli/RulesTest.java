package io.dbaudit.cli;

import io.dbaudit.engine.catalog.Lifecycles;
import io.dbaudit.engine.catalog.PackReader;
import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.eval.KieBases;
import io.dbaudit.engine.fixture.CaseOutcome;
import io.dbaudit.engine.fixture.FixtureException;
import io.dbaudit.engine.fixture.FixtureRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run a rule pack's fixture cases (<ID>.test.yaml) with the harness the built-in packs use.",
        footer = {"", "Exit codes: 0 all cases pass, 2 the pack is invalid, 4 a case failed."})
final class RulesTest implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
        List<String> invalid = RulesValidate.problems(dir);
        if (!invalid.isEmpty()) {
            invalid.forEach(System.out::println);
            System.out.println("the pack is invalid: fix the problems above first (dbaudit rules validate)");
            return ExitCode.BAD_INPUT.code();
        }
        List<PackSource> pack = PackReader.fromDirectory(dir);
        RuleCatalog catalog = RuleCatalog.load(pack);
        AuditEngine engine = new AuditEngine(catalog, List.of(KieBases.compile(pack.stream().filter(PackSource::isDrl).toList())),
                Lifecycles.fromClasspath(RulesTest.class.getClassLoader()));
        FixtureRunner runner = new FixtureRunner(engine);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (PackSource f : catalog.fixtures()) {
            try {
                outcomes.addAll(runner.run(f));
            } catch (FixtureException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        int failed = 0;
        for (CaseOutcome o : outcomes) {
            System.out.println((o.passed() ? "PASS  " : "FAIL  ") + o.ruleId() + "  " + o.caseName());
            if (!o.passed()) {
                failed++;
                o.problems().forEach(p -> System.out.println("        " + p));
            }
        }
        System.out.println((outcomes.size() - failed) + " passed, " + failed + " failed");
        return (failed == 0 ? ExitCode.OK : ExitCode.GATE_FAILED).code();
    }
}
