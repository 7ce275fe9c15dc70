package io.dbaudit.cli;

import io.dbaudit.engine.catalog.CatalogProblem;
import io.dbaudit.engine.catalog.Lifecycles;
import io.dbaudit.engine.catalog.PackReader;
import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.catalog.RuleCatalog;
import io.dbaudit.engine.eval.AuditEngine;
import io.dbaudit.engine.eval.KieBases;
import io.dbaudit.engine.eval.RuleCompilationException;
import io.dbaudit.engine.eval.RuleIds;
import org.kie.api.KieBase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the rule catalog and the knowledge bases for a run: the precompiled built-in packs plus any
 * {@code --rules DIR} packs, which are validated and compiled here (a broken user pack is bad input).
 */
final class RuleSetup {
    private RuleSetup() {
    }

    /** Metadata only: enough for {@code rules list/show}, without loading Drools. */
    static RuleCatalog catalog(List<Path> userPacks) {
        RuleCatalog catalog = RuleCatalog.load(PackReader.fromClasspath(RuleSetup.class.getClassLoader()));
        for (Path dir : userPacks) {
            catalog = catalog.plus(readUserPack(dir));
        }
        return catalog;
    }

    static AuditEngine engine(List<Path> userPacks) {
        KieBase builtin = KieBases.builtin();
        RuleCatalog catalog = RuleCatalog.load(PackReader.fromClasspath(RuleSetup.class.getClassLoader()))
                .withPrecompiled(RuleIds.of(builtin));
        List<KieBase> bases = new ArrayList<>();
        bases.add(builtin);
        List<PackSource> userSources = new ArrayList<>();
        for (Path dir : userPacks) {
            List<PackSource> pack = readUserPack(dir);
            userSources.addAll(pack);
            catalog = catalog.plus(pack);
        }
        List<CatalogProblem> problems = catalog.problems();
        if (!problems.isEmpty()) {
            throw new BadInputException("rule packs have " + problems.size() + " problem(s):\n  "
                    + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n  ")));
        }
        List<PackSource> userDrl = userSources.stream().filter(PackSource::isDrl).toList();
        if (!userDrl.isEmpty()) {
            try {
                bases.add(KieBases.compile(userDrl));
            } catch (RuleCompilationException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return new AuditEngine(catalog, bases, Lifecycles.fromClasspath(RuleSetup.class.getClassLoader()));
    }

    private static List<PackSource> readUserPack(Path dir) {
        try {
            return PackReader.fromDirectory(dir);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
