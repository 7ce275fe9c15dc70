package io.dbaudit.rules;

import io.dbaudit.engine.catalog.PackReader;
import io.dbaudit.engine.catalog.PackSource;
import io.dbaudit.engine.eval.KieBases;
import io.dbaudit.engine.testing.RulePackTests;
import org.kie.api.KieBase;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs every built-in rule's fixtures against the knowledge base the build precompiled (what ships), and
 * the catalog contract against the pack sources.
 */
class BuiltinPacksTest extends RulePackTests {
    @Override
    protected List<PackSource> sources() {
        return PackReader.fromDirectory(Path.of("src/main/resources/packs"));
    }

    @Override
    protected KieBase knowledgeBase() {
        return KieBases.builtin();
    }
}
