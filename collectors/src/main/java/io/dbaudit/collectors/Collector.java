package io.dbaudit.collectors;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.TargetFacts;

import java.util.List;

/**
 * Reads facts from one live target, read-only. Implementations are found through ServiceLoader
 * (META-INF/services/io.dbaudit.collectors.Collector), one per engine.
 *
 * <p>A fact kind that cannot be read becomes a {@code CollectionError} fact and the rest goes on; only a
 * target that cannot be reached or logged into at all throws {@link TargetUnavailableException}.
 */
public interface Collector {
    EngineKind engine();

    /** URL schemes this collector's targets use ("postgresql", "redis", ...), lower case. */
    List<String> schemes();

    /**
     * Parses a target URL of one of {@link #schemes()}. Must refuse a URL carrying a password, without
     * echoing it.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    Target parseTarget(String url);

    TargetFacts collect(Target target, PasswordSource password, CollectOptions options)
            throws TargetUnavailableException;
}
