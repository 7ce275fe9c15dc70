package io.dbaudit.engine.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dbaudit.model.facts.VersionLifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dated support tables shipped with the rules ({@code lifecycle/<product>.yaml} on the classpath),
 * inserted into every session so end-of-life rules compare against data, not version regexes.
 */
public final class Lifecycles {
    public static final List<String> PRODUCTS = List.of("postgresql", "redis", "mongodb", "patroni");

    private Lifecycles() {
    }

    public static List<VersionLifecycle> fromClasspath(ClassLoader loader) {
        List<VersionLifecycle> out = new ArrayList<>();
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
        }
        return out;
    }
}
