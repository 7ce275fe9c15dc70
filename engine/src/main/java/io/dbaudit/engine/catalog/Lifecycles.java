package io.dbaudit.engine.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.ParameterHistory;
import io.dbaudit.model.facts.VersionLifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dated support tables ({@code lifecycle/<product>.yaml}) and parameter histories
 * ({@code lifecycle/<product>-parameters.yaml}) shipped with the rules, inserted into every session so
 * end-of-life and obsolete-parameter rules compare against data, not version regexes.
 */
public final class Lifecycles {
    public static final List<String> PRODUCTS = List.of("postgresql", "redis", "mongodb", "patroni");

    private Lifecycles() {
    }

    /** Lifecycle rows and parameter histories: the facts every session gets. */
    public static List<Fact> fromClasspath(ClassLoader loader) {
        List<Fact> out = new ArrayList<>();
        for (String product : PRODUCTS) {
            try (InputStream in = loader.getResourceAsStream("lifecycle/" + product + ".yaml")) {
                if (in == null) {
                    continue;
                }
                List<VersionLifecycle> rows = Mappers.yaml().readValue(in, new TypeReference<List<VersionLifecycle>>() { });
                out.addAll(rows);
            } catch (IOException e) {
                throw new UncheckedIOException("lifecycle/" + product + ".yaml: " + e.getMessage(), e);
            }
            try (InputStream in = loader.getResourceAsStream("lifecycle/" + product + "-parameters.yaml")) {
                if (in != null) {
                    out.addAll(Mappers.yaml().readValue(in, new TypeReference<List<ParameterHistory>>() { }));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("lifecycle/" + product + "-parameters.yaml: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
