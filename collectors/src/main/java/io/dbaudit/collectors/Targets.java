package io.dbaudit.collectors;

import io.dbaudit.model.Target;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/** Picks the collector for a target URL by its scheme and lets it parse the URL. */
public final class Targets {
    private Targets() {
    }

    public static List<Collector> collectors() {
        return StreamSupport.stream(ServiceLoader.load(Collector.class, Targets.class.getClassLoader()).spliterator(),
                false).toList();
    }

    public static Target parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty target URL");
        }
        int colon = url.indexOf("://");
        if (colon <= 0) {
            throw new IllegalArgumentException("a target is a URL such as postgresql://user@host:5432/db");
        }
        String scheme = url.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        List<Collector> all = collectors();
        return all.stream().filter(c -> c.schemes().contains(scheme)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported target scheme '" + scheme + "' (supported: "
                        + all.stream().flatMap(c -> c.schemes().stream()).sorted().toList() + ")"))
                .parseTarget(url);
    }
}
