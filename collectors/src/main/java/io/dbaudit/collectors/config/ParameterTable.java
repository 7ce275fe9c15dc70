package io.dbaudit.collectors.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in table of parameter → (vartype, base unit, context, default) from
 * {@code postgresql-parameters.tsv}, and the conversion of a postgresql.conf value to the representation
 * pg_settings shows: integers and reals in the parameter's base unit (shared_buffers '4GB' is 524288 with
 * unit 8kB), booleans as on/off, enums in their canonical spelling.
 */
public final class ParameterTable {
    /** One known parameter. {@code unit} null when it has none; {@code defaultValue} null when not emitted. */
    public record Parameter(String name, String vartype, String unit, String context, String defaultValue,
                            Integer since, Integer oldDefaultBefore, String oldDefault, List<String> enumValues) {
        /** The default for {@code major} (latest when empty), or empty when it does not exist or is not known. */
        public Optional<String> defaultFor(Optional<Integer> major) {
            if (defaultValue == null) {
                return Optional.empty();
            }
            if (major.isPresent() && since != null && major.get() < since) {
                return Optional.empty();
            }
            if (major.isPresent() && oldDefaultBefore != null && major.get() < oldDefaultBefore) {
                return Optional.of(oldDefault);
            }
            return Optional.of(defaultValue);
        }
    }

    private static final String RESOURCE = "postgresql-parameters.tsv";
    private static final ParameterTable BUILT_IN = load();

    private final Map<String, Parameter> byName;

    private ParameterTable(Map<String, Parameter> byName) {
        this.byName = byName;
    }

    public static ParameterTable builtIn() {
        return BUILT_IN;
    }

    public Optional<Parameter> get(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public Collection<Parameter> all() {
        return byName.values();
    }

    private static ParameterTable load() {
        Map<String, Parameter> map = new LinkedHashMap<>();
        try (InputStream in = ParameterTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 8) {
                    throw new IllegalStateException(RESOURCE + ":" + no + ": expected 8 tab-separated fields");
                }
                Integer before = null;
                String old = null;
                if (!f[6].equals("-")) {
                    int colon = f[6].indexOf(':');
                    before = Integer.parseInt(f[6].substring(0, colon));
                    old = f[6].substring(colon + 1);
                }
                Parameter p = new Parameter(f[0], f[1], dash(f[2]), f[3], defaultText(f[4]),
                        f[5].equals("-") ? null : Integer.parseInt(f[5]), before, old,
                        f[7].equals("-") ? List.of() : Arrays.asList(f[7].split(",", -1)));
                if (map.put(p.name(), p) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + no + ": duplicate " + p.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ParameterTable(Map.copyOf(map));
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static String defaultText(String s) {
        return s.equals("-") ? null : s.equals("''") ? "" : s;
    }

    // ---- value conversion, as guc.c's parse_int / parse_real / parse_bool / config_enum_lookup_by_name ----

    /** The value as pg_settings would show it, or an IllegalArgumentException with PostgreSQL's complaint. */
    public static String normalise(Parameter p, String value) {
        return switch (p.vartype()) {
            case "bool" -> parseBool(value).map(b -> b ? "on" : "off")
                    .orElseThrow(() -> new IllegalArgumentException(
                            "parameter \"" + p.name() + "\" requires a Boolean value"));
            case "integer" -> Long.toString(parseInt(p, value));
            case "real" -> formatReal(parseReal(p, value));
            case "enum" -> p.enumValues().stream().filter(v -> v.equalsIgnoreCase(value)).findFirst().orElse(value);
            default -> value;
        };
    }

    /** PostgreSQL's parse_bool: on/off, true/false, yes/no, 1/0 and unique prefixes, any case. */
    public static Optional<Boolean> parseBool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        int len = v.length();
        if (len == 0) {
            return Optional.empty();
        }
        switch (v.charAt(0)) {
            case 't':
                return "true".startsWith(v) ? Optional.of(true) : Optional.empty();
            case 'f':
                return "false".startsWith(v) ? Optional.of(false) : Optional.empty();
            case 'y':
                return "yes".startsWith(v) ? Optional.of(true) : Optional.empty();
            case 'n':
                return "no".startsWith(v) ? Optional.of(false) : Optional.empty();
            case 'o':
                if (len >= 2 && "on".startsWith(v)) {
                    return Optional.of(true);
                }
                if (len >= 2 && "off".startsWith(v)) {
                    return Optional.of(false);
                }
                return Optional.empty();
            case '1':
                return len == 1 ? Optional.of(true) : Optional.empty();
            case '0':
                return len == 1 ? Optional.of(false) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private record Number(double value, String unitText) {
    }

    private static long parseInt(Parameter p, String value) {
        Number n = number(p, value, true);
        double v = n.value();
        if (n.unitText() != null) {
            double[] m = multiplier(p, n.unitText(), value);
            v = v * m[0] / m[1];
        }
        v = Math.rint(v);
        if (Double.isNaN(v) || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("value \"" + value + "\" is out of range for parameter \""
                    + p.name() + "\"");
        }
        return (long) v;
    }

    private static double parseReal(Parameter p, String value) {
        Number n = number(p, value, false);
        double v = n.value();
        if (n.unitText() != null) {
            double[] m = multiplier(p, n.unitText(), value);
            v = v * m[0] / m[1];
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("invalid value for parameter \"" + p.name() + "\": \"" + value + "\"");
        }
        return v;
    }

    /** Leading number (strtol base 0, falling back to strtod), optional blanks, optional unit, blanks. */
    private static Number number(Parameter p, String value, boolean integer) {
        String s = value;
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        double v;
        int end;
        IntScan asInt = integer ? strtol(s, start) : null;
        if (asInt != null && (asInt.end() == n || ".eE".indexOf(s.charAt(asInt.end())) < 0)) {
            v = asInt.value();
            end = asInt.end();
        } else {
            end = strtodEnd(s, start);
            if (end == start) {
                throw invalid(p, value);
            }
            try {
                v = Double.parseDouble(s.substring(start, end));
            } catch (NumberFormatException e) {
                throw invalid(p, value);
            }
        }
        int j = end;
        while (j < n && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        if (j == n) {
            return new Number(v, null);
        }
        int u = j;
        while (j < n && Character.isLetter(s.charAt(j))) {
            j++;
        }
        String unit = s.substring(u, j);
        while (j < n && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        if (unit.isEmpty() || j != n) {
            throw invalid(p, value);
        }
        return new Number(v, unit);
    }

    private record IntScan(long value, int end) {
    }

    /** strtol(s, base 0) from start: decimal, 0x hex or leading-0 octal; null when no digits. */
    private static IntScan strtol(String s, int start) {
        int i = start;
        int n = s.length();
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            base = 8;
        }
        int d = i;
        long v = 0;
        while (i < n && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 0x80) {
            v = v * base + Character.digit(s.charAt(i), base);
            if (v > (1L << 40)) {
                v = 1L << 40; // far beyond int range: reported as out of range later
            }
            i++;
        }
        if (i == d) {
            return base == 8 ? new IntScan(0, i) : null;
        }
        return new IntScan(neg ? -v : v, i);
    }

    private static int strtodEnd(String s, int start) {
        int i = start;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return start;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int k = i + 1;
            if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            int e = k;
            while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                k++;
            }
            if (k > e) {
                i = k;
            }
        }
        return i;
    }

    private static IllegalArgumentException invalid(Parameter p, String value) {
        return new IllegalArgumentException("invalid value for parameter \"" + p.name() + "\": \"" + value + "\"");
    }

    private static final List<String> MEMORY_UNITS = List.of("B", "kB", "MB", "GB", "TB");
    private static final List<String> TIME_UNITS = List.of("us", "ms", "s", "min", "h", "d");

    /**
     * How many base units one {@code unit} is, as {numerator, denominator} so that exact powers of two and
     * of ten stay exact; units are case-sensitive as in PostgreSQL.
     */
    private static double[] multiplier(Parameter p, String unit, String value) {
        String base = p.unit();
        if (base == null) {
            throw invalid(p, value);
        }
        double baseBytes = memoryBytes(base);
        if (baseBytes > 0) {
            if (!MEMORY_UNITS.contains(unit)) {
                throw new IllegalArgumentException("invalid value for parameter \"" + p.name() + "\": \"" + value
                        + "\" (valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\")");
            }
            return new double[]{memoryBytes(unit), baseBytes};
        }
        double baseMs = timeMs(base);
        if (!TIME_UNITS.contains(unit)) {
            throw new IllegalArgumentException("invalid value for parameter \"" + p.name() + "\": \"" + value
                    + "\" (valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\")");
        }
        return unit.equals("us") ? new double[]{1, 1000 * baseMs} : new double[]{timeMs(unit), baseMs};
    }

    /** Bytes in a memory unit such as 8kB, MB; 0 when it is not a memory unit. */
    static double memoryBytes(String unit) {
        int i = 0;
        while (i < unit.length() && Character.isDigit(unit.charAt(i))) {
            i++;
        }
        double mult = i == 0 ? 1 : Double.parseDouble(unit.substring(0, i));
        double b = switch (unit.substring(i)) {
            case "B" -> 1;
            case "kB" -> 1024;
            case "MB" -> 1024.0 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            case "TB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 0;
        };
        return mult * b;
    }

    static double timeMs(String unit) {
        return switch (unit) {
            case "us" -> 0.001;
            case "ms" -> 1;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> throw new IllegalStateException("not a time unit: " + unit);
        };
    }

    /** As pg_settings prints a real (%g-like): 2 not 2.0, 0.0025, 1e-05 kept readable as 0.00001. */
    static String formatReal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
