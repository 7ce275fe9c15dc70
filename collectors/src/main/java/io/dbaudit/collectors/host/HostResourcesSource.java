package io.dbaudit.collectors.host;

import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.HostResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the database host's memory and CPUs come from, for any engine: the target's {@code memory} and
 * {@code cpus} parameters, else the operating system the scanner runs on when that is the database host
 * ({@code host-facts=os}, or a loopback / Unix-socket target). Otherwise they are unknown, and rules that
 * need them are skipped rather than fed a guess. {@code host-facts=none} turns the OS reading off, e.g.
 * for a localhost port that is really an SSH tunnel to another machine.
 */
public final class HostResourcesSource {
    public static final String MEMORY = "memory";
    public static final String CPUS = "cpus";
    public static final String HOST_FACTS = "host-facts";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    /** A number with an optional unit; k/M/G/T are binary (1024-based) as in PostgreSQL's own settings. */
    private static final Pattern SIZE = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s*kB\\s*$");

    /** What is known about the host. */
    public sealed interface Outcome permits Known, Failed, Unknown {
    }

    public record Known(HostResources resources) implements Outcome {
    }

    /** The user asked for host facts but they could not be had (a malformed parameter, no /proc). */
    public record Failed(ErrorReason reason, String message) implements Outcome {
    }

    /** Nothing declared and the host is not this machine: the kind is simply not collected. */
    public record Unknown() implements Outcome {
    }

    private HostResourcesSource() {
    }

    /** @param host the host the collector connects to (a path for a Unix-domain socket) */
    public static Outcome resolve(Map<String, String> parameters, String host) {
        return resolve(parameters, host, Path.of("/proc/meminfo"), Runtime.getRuntime().availableProcessors());
    }

    static Outcome resolve(Map<String, String> parameters, String host, Path meminfo, int osCpus) {
        String mode = parameters.getOrDefault(HOST_FACTS, "").trim().toLowerCase(Locale.ROOT);
        String memory = parameters.get(MEMORY);
        String cpus = parameters.get(CPUS);
        if (memory != null && !memory.isBlank()) {
            return fromParameters(memory, cpus);
        }
        if (cpus != null && !cpus.isBlank()) {
            return new Failed(ErrorReason.ERROR, "target parameter cpus=" + cpus + " needs memory as well");
        }
        if (mode.equals("none")) {
            return new Unknown();
        }
        if (!mode.isEmpty() && !mode.equals("os")) {
            return new Failed(ErrorReason.ERROR, "target parameter host-facts=" + mode + " is not one of os, none");
        }
        if (mode.equals("os") || isLocal(host)) {
            return fromOs(meminfo, osCpus);
        }
        return new Unknown();
    }

    static boolean isLocal(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(h) || h.startsWith("/");
    }

    private static Outcome fromParameters(String memory, String cpus) {
        long bytes;
        try {
            bytes = parseBytes(memory);
        } catch (IllegalArgumentException e) {
            return new Failed(ErrorReason.ERROR, e.getMessage());
        }
        int cpuCount = 0;
        if (cpus != null && !cpus.isBlank()) {
            try {
                cpuCount = Integer.parseInt(cpus.trim());
            } catch (NumberFormatException e) {
                cpuCount = -1;
            }
            if (cpuCount <= 0) {
                return new Failed(ErrorReason.ERROR, "target parameter cpus=" + cpus + " is not a positive number");
            }
        }
        return new Known(new HostResources(bytes, cpuCount, "parameter"));
    }

    private static Outcome fromOs(Path meminfo, int osCpus) {
        try {
            Matcher m = MEM_TOTAL.matcher(Files.readString(meminfo));
            if (!m.find()) {
                return new Failed(ErrorReason.UNSUPPORTED, "no MemTotal line in " + meminfo);
            }
            return new Known(new HostResources(Long.parseLong(m.group(1)) * 1024, osCpus, "os"));
        } catch (IOException e) {
            return new Failed(ErrorReason.UNSUPPORTED, "cannot read " + meminfo + ": " + e.getMessage()
                    + " (give the target memory= and cpus= parameters instead)");
        }
    }

    /** "16GiB", "16GB", "16G", "512MB", "1073741824" (bytes); every multiple is 1024-based. */
    public static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("target parameter memory=" + text
                    + " is not a size such as 16GiB, 512MB or a number of bytes");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        double value = Double.parseDouble(m.group(1)) * (1L << shift);
        if (value < 1 || value >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("target parameter memory=" + text + " is out of range");
        }
        return (long) value;
    }
}
