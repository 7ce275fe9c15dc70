package io.dbaudit.engine.eval;

import io.dbaudit.engine.catalog.PackSource;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;

import java.util.List;

/**
 * Where knowledge bases come from. Built-in packs are precompiled into Drools' executable model by the
 * rules module's build (kie-maven-plugin) and only loaded here; users' packs are compiled from DRL at
 * run time.
 */
public final class KieBases {
    public static final String BUILTIN = "dbaudit-builtin";
    private static KieBase builtin;

    private KieBases() {
    }

    public static synchronized KieBase builtin() {
        if (builtin == null) {
            KieContainer container = KieServices.get().getKieClasspathContainer(KieBases.class.getClassLoader());
            builtin = container.getKieBase(BUILTIN);
        }
        return builtin;
    }

    /** Compiles DRL text; every error is reported with its file and line. */
    public static KieBase compile(List<PackSource> drl) {
        KieServices ks = KieServices.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        for (PackSource s : drl) {
            kfs.write("src/main/resources/" + s.name(), s.text());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(errors.stream().map(m -> originOf(drl, m.getPath()) + ":" + m.getLine()
                    + ": " + m.getText().strip()).toList());
        }
        return ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
    }

    private static String originOf(List<PackSource> drl, String path) {
        if (path == null) {
            return "?";
        }
        return drl.stream().filter(s -> path.endsWith(s.name())).map(PackSource::location).findFirst().orElse(path);
    }
}
