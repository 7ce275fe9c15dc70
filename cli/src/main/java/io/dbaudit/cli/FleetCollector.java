package io.dbaudit.cli;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects many targets at once with a bounded pool. Each target has a total time limit; one that
 * overruns is reported as TIMEOUT and abandoned (its sessions carry their own socket timeouts), so a slow
 * or dead target never holds up the rest.
 */
final class FleetCollector {
    private final CollectOptions options;
    private final int parallel;
    private final Duration targetTimeout;
    private final Map<EngineKind, Collector> collectors = new EnumMap<>(EngineKind.class);

    FleetCollector(CollectOptions options, int parallel, Duration targetTimeout) {
        this.options = options;
        this.parallel = parallel;
        this.targetTimeout = targetTimeout;
        Targets.collectors().forEach(c -> collectors.put(c.engine(), c));
    }

    private record Task(TargetSpec spec, Future<CollectedTarget> future, AtomicLong startedAt) {
    }

    List<CollectedTarget> collect(List<TargetSpec> specs) {
        Progress progress = new Progress(System.err, specs.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, specs.size()), r -> {
            Thread t = new Thread(r, "dbaudit-collect");
            t.setDaemon(true);
            return t;
        });
        List<Task> tasks = new ArrayList<>();
        for (TargetSpec spec : specs) {
            AtomicLong started = new AtomicLong();
            tasks.add(new Task(spec, pool.submit(() -> {
                started.set(System.nanoTime());
                return collectOne(spec);
            }), started));
        }
        pool.shutdown();
        CollectedTarget[] out = new CollectedTarget[tasks.size()];
        int remaining = tasks.size();
        try {
            while (remaining > 0) {
                for (int i = 0; i < tasks.size(); i++) {
                    if (out[i] != null) {
                        continue;
                    }
                    Task task = tasks.get(i);
                    long started = task.startedAt().get();
                    if (task.future().isDone()) {
                        out[i] = result(task);
                    } else if (started != 0 && System.nanoTime() - started > targetTimeout.toNanos()) {
                        task.future().cancel(true);
                        out[i] = unavailable(task.spec(), TargetStatus.TIMEOUT,
                                "gave up after " + targetTimeout.toSeconds() + " s (--target-timeout)", started);
                    } else {
                        continue;
                    }
                    remaining--;
                    progress.finished(task.spec().target().id(), out[i].info().status().name());
                }
                if (remaining > 0) {
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new IllegalStateException("interrupted while scanning");
        }
        return List.of(out);
    }

    private static CollectedTarget result(Task task) {
        try {
            return task.future().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return unavailable(task.spec(), TargetStatus.ERROR,
                    cause.getClass().getSimpleName() + ": " + cause.getMessage(), task.startedAt().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(task.spec(), TargetStatus.ERROR, "interrupted", task.startedAt().get());
        }
    }

    private CollectedTarget collectOne(TargetSpec spec) {
        long t0 = System.nanoTime();
        Collector collector = collectors.get(spec.target().engine());
        if (collector == null) {
            return unavailable(spec, TargetStatus.ERROR, "no collector for " + spec.target().engine().label(), t0);
        }
        try {
            TargetFacts facts = collector.collect(spec.target(), spec.password(), options);
            TargetStatus status = facts.errors().isEmpty() ? TargetStatus.COMPLETE : TargetStatus.PARTIAL;
            String detail = facts.errors().isEmpty() ? null
                    : facts.errors().size() + " fact kind(s) not readable: " + String.join(", ",
                    facts.errors().stream().map(e -> e.factKind() + " (" + e.reason().label() + ")").distinct().toList());
            return new CollectedTarget(spec, facts, info(spec, facts.version(), status, detail, t0));
        } catch (TargetUnavailableException e) {
            return unavailable(spec, e.status(), e.getMessage(), t0);
        } catch (IllegalArgumentException e) {
            // e.g. a password environment variable that is not set: the target cannot be tried
            return unavailable(spec, TargetStatus.ERROR, e.getMessage(), t0);
        }
    }

    private static CollectedTarget unavailable(TargetSpec spec, TargetStatus status, String detail, long t0) {
        return new CollectedTarget(spec, null, info(spec, null, status, detail, t0));
    }

    private static TargetInfo info(TargetSpec spec, String version, TargetStatus status, String detail, long t0) {
        long ms = t0 == 0 ? 0 : (System.nanoTime() - t0) / 1_000_000;
        return new TargetInfo(spec.target().id(), spec.target().engine(), spec.target().endpoint(), version, status,
                detail, ms);
    }
}
