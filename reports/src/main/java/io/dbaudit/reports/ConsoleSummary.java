package io.dbaudit.reports;

import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plain-text summary printed at the end of a run: one row per target, then the worst failing rules.
 * Every collected string goes through {@link Printable#singleLine} first, so a role name cannot inject
 * terminal escape sequences or fake table rows. Colour is only added when the caller says stdout is a TTY.
 */
public final class ConsoleSummary {

    /** Worst first, as in the severity columns. */
    private static final List<Severity> SEVERITIES =
            List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
    private static final String[] SEVERITY_HEADERS = {"CRIT", "HIGH", "MED", "LOW", "INFO"};
    private static final int MIN_FLEX = 8;
    private static final String RESET = "\u001b[0m";

    private final int width;
    private final boolean color;
    private final int topRules;

    /**
     * @param width    terminal columns; flexible columns (target, title) are shortened to fit
     * @param color    add ANSI colours (only when writing to a terminal)
     * @param topRules how many failing rules to list at most
     */
    public ConsoleSummary(int width, boolean color, int topRules) {
        this.width = Math.max(40, width);
        this.color = color;
        this.topRules = Math.max(0, topRules);
    }

    public ConsoleSummary(int width, boolean color) {
        this(width, color, 10);
    }

    /** Columns from the {@code COLUMNS} environment variable when the shell exports it, else 100. */
    public static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 100 : Integer.parseInt(columns.trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    public String render(ScanReport report) {
        List<RuleResult> results = report.results() == null ? List.of() : report.results();
        StringBuilder out = new StringBuilder();
        targetTable(report, results, out);
        failingRules(results, out);
        return out.toString();
    }

    private void targetTable(ScanReport report, List<RuleResult> results, StringBuilder out) {
        boolean waived = results.stream().anyMatch(r -> r.status() == Status.WAIVED);
        List<Status> statuses = new ArrayList<>(List.of(Status.PASS, Status.FAIL, Status.ERROR, Status.SKIPPED));
        if (waived) {
            statuses.add(Status.WAIVED);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("TARGET", true, false));
        columns.add(new Column("STATUS", false, false));
        statuses.forEach(s -> columns.add(new Column(s.name(), false, true)));
        for (String h : SEVERITY_HEADERS) {
            columns.add(new Column(h, false, true));
        }

        List<List<Cell>> rows = new ArrayList<>();
        for (String target : targetIds(report, results)) {
            TargetInfo info = report.targets() == null ? null
                    : report.targets().stream().filter(t -> Objects.equals(t.id(), target)).findFirst().orElse(null);
            Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
            Map<Severity, Integer> failed = new EnumMap<>(Severity.class);
            results.stream().filter(r -> Objects.equals(r.target(), target)).forEach(r -> {
                byStatus.merge(r.status(), 1, Integer::sum);
                if (r.status() == Status.FAIL && r.severity() != null) {
                    failed.merge(r.severity(), 1, Integer::sum);
                }
            });
            List<Cell> row = new ArrayList<>();
            row.add(new Cell(Printable.singleLine(target), null));
            String status = info == null || info.status() == null ? "-" : info.status().name();
            row.add(new Cell(status, "COMPLETE".equals(status) ? Ansi.GREEN : Ansi.YELLOW));
            for (Status s : statuses) {
                int n = byStatus.getOrDefault(s, 0);
                row.add(new Cell(String.valueOf(n), n == 0 ? null : statusColour(s)));
            }
            for (Severity s : SEVERITIES) {
                int n = failed.getOrDefault(s, 0);
                row.add(new Cell(String.valueOf(n), n == 0 ? null : severityColour(s)));
            }
            rows.add(row);
        }
        table(columns, rows, out);
    }

    private void failingRules(List<RuleResult> results, StringBuilder out) {
        List<RuleResult> failing = results.stream().filter(r -> r.status() == Status.FAIL)
                .sorted(Comparator.comparing((RuleResult r) -> r.severity() == null ? -1 : r.severity().ordinal())
                        .reversed()
                        .thenComparing(r -> -r.findings().size())
                        .thenComparing(RuleResult::ruleId, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(RuleResult::target, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        out.append('\n');
        if (failing.isEmpty()) {
            out.append("No failing rules.\n");
            return;
        }
        List<RuleResult> shown = failing.subList(0, Math.min(topRules, failing.size()));
        out.append(failing.size() > shown.size()
                ? "Top " + shown.size() + " of " + failing.size() + " failing rules:\n"
                : "Failing rules:\n");
        if (shown.isEmpty()) {
            return;
        }
        List<Column> columns = List.of(new Column("SEVERITY", false, false), new Column("RULE", false, false),
                new Column("TARGET", true, false), new Column("TITLE", true, false),
                new Column("FINDINGS", false, true));
        List<List<Cell>> rows = new ArrayList<>();
        for (RuleResult r : shown) {
            rows.add(List.of(
                    new Cell(r.severity() == null ? "-" : r.severity().name(), severityColour(r.severity())),
                    new Cell(Printable.singleLine(r.ruleId()), null),
                    new Cell(Printable.singleLine(r.target()), null),
                    new Cell(Printable.singleLine(r.title()), null),
                    new Cell(String.valueOf(r.findings().size()), null)));
        }
        table(columns, rows, out);
    }

    /** Lays out a table: fixed columns take what they need, flexible ones share what is left of the width. */
    private void table(List<Column> columns, List<List<Cell>> rows, StringBuilder out) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = length(columns.get(c).header());
            for (List<Cell> row : rows) {
                widths[c] = Math.max(widths[c], length(row.get(c).text()));
            }
        }
        int gaps = 2 * (columns.size() - 1);
        int fixed = gaps;
        int flexNeeded = 0;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).flexible()) {
                flexNeeded += widths[c];
            } else {
                fixed += widths[c];
            }
        }
        int available = width - fixed;
        if (flexNeeded > available) {
            // Shrink the widest flexible column first, never below MIN_FLEX.
            int excess = flexNeeded - available;
            while (excess > 0) {
                int widest = -1;
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).flexible() && widths[c] > MIN_FLEX
                            && (widest < 0 || widths[c] > widths[widest])) {
                        widest = c;
                    }
                }
                if (widest < 0) {
                    break;
                }
                widths[widest]--;
                excess--;
            }
        }
        List<Cell> header = columns.stream().map(col -> new Cell(col.header(), null)).toList();
        line(columns, widths, header, out, true);
        for (List<Cell> row : rows) {
            line(columns, widths, row, out, false);
        }
    }

    private void line(List<Column> columns, int[] widths, List<Cell> cells, StringBuilder out, boolean header) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            String text = truncate(cells.get(c).text(), widths[c]);
            boolean last = c == columns.size() - 1;
            String padding = " ".repeat(widths[c] - length(text));
            String shown = paint(text, header ? Ansi.BOLD : cells.get(c).colour());
            if (columns.get(c).numeric()) {
                line.append(padding).append(shown);
            } else {
                line.append(shown).append(last ? "" : padding);
            }
            if (!last) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private String paint(String text, Ansi colour) {
        return color && colour != null && !text.isEmpty() ? colour.code + text + RESET : text;
    }

    private static List<String> targetIds(ScanReport report, List<RuleResult> results) {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        if (report.targets() != null) {
            report.targets().forEach(t -> ids.put(t.id(), true));
        }
        results.forEach(r -> ids.put(r.target(), true));
        List<String> out = new ArrayList<>(ids.keySet());
        out.sort(Comparator.comparing((String id) -> worstness(report, results, id)).reversed());
        return out;
    }

    /**
     * The fleet roll-up is worst first: targets that could not be scanned, then by failed results per
     * severity (CRITICAL count first); the sort is stable, so equals keep the report's order.
     */
    private static String worstness(ScanReport report, List<RuleResult> results, String id) {
        boolean unscanned = report.targets() != null && report.targets().stream()
                .anyMatch(t -> Objects.equals(t.id(), id) && t.status() != null
                        && !t.status().name().equals("COMPLETE") && !t.status().name().equals("PARTIAL"));
        StringBuilder key = new StringBuilder(unscanned ? "1" : "0");
        for (Severity s : SEVERITIES) {
            long n = results.stream().filter(r -> Objects.equals(r.target(), id) && r.status() == Status.FAIL
                    && r.severity() == s).count();
            key.append(String.format("%06d", Math.min(n, 999_999)));
        }
        return key.toString();
    }

    /** Shortens to {@code max} code points, marking the cut so a truncated name is not mistaken for another. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        if (length(text) <= max) {
            return text;
        }
        if (max <= 3) {
            return text.substring(0, text.offsetByCodePoints(0, max));
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 3)) + "...";
    }

    private static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    private static Ansi statusColour(Status s) {
        return switch (s) {
            case PASS -> Ansi.GREEN;
            case FAIL -> Ansi.RED;
            case ERROR -> Ansi.MAGENTA;
            case SKIPPED, WAIVED -> Ansi.DIM;
        };
    }

    private static Ansi severityColour(Severity s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case CRITICAL -> Ansi.BOLD_RED;
            case HIGH -> Ansi.RED;
            case MEDIUM -> Ansi.YELLOW;
            case LOW -> Ansi.CYAN;
            case INFO -> Ansi.DIM;
        };
    }

    private record Column(String header, boolean flexible, boolean numeric) {
    }

    private record Cell(String text, Ansi colour) {
    }

    private enum Ansi {
        BOLD("\u001b[1m"), DIM("\u001b[2m"), RED("\u001b[31m"), BOLD_RED("\u001b[1;31m"), GREEN("\u001b[32m"),
        YELLOW("\u001b[33m"), MAGENTA("\u001b[35m"), CYAN("\u001b[36m");

        private final String code;

        Ansi(String code) {
            this.code = code;
        }
    }
}
