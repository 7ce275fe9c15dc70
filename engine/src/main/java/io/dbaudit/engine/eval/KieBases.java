package io.dbaudit.engine.eval;

import io.dbaudit.engine.catalog.PackSource;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import java.util.List;

/**
 * Where knowledge bases come from. Built-in packs are precompiled into Drools' executable model by the
 * rules module's build (kie-maven-plugin) and only loaded here; users' packs are compiled from DRL at
 * run time.
 */
public final class KieBases {
    /** Written by kie-maven-plugin: the Drools-Model-Version line, then one generated Model class per package. */
    static final String MODEL_INDEX = "META-INF/kie/io.dbaudit/dbaudit-rules/drools-model";
    private static KieBase builtin;

    private KieBases() {
    }

    /**
     * The executable-model classes the rules module's build generated, instantiated directly. Drools'
     * classpath KieContainer is not used: inside a fat jar it cannot tell which of the many
     * pom.properties is the kjar's, finds no model and silently builds an empty knowledge base.
     */
    public static synchronized KieBase builtin() {
        if (builtin == null) {
            List<Model> models = new ArrayList<>();
            for (String className : modelClassNames(KieBases.class.getClassLoader())) {
                try {
                    models.add((Model) Class.forName(className, true, KieBases.class.getClassLoader())
                            .getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot load precompiled rules " + className, e);
                }
            }
            if (models.isEmpty()) {
                throw new IllegalStateException("no precompiled rule packs on the classpath (" + MODEL_INDEX + ")");
            }
            builtin = KieBaseBuilder.createKieBaseFromModel(models);
        }
        return builtin;
    }

    private static List<String> modelClassNames(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(MODEL_INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.contains(":"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
