package io.dbaudit.reports;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The report files a run can write, each under a fixed name in the output directory. */
public enum ReportFormat {
    JSON("report.json"),
    HTML("report.html"),
    /** SARIF 2.1.0, for code-scanning dashboards. */
    SARIF("report.sarif"),
    /** JUnit XML, for CI test reports. */
    JUNIT("junit.xml");

    private final String fileName;

    ReportFormat(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Parses a comma-separated list such as {@code "json,html,sarif"}; case and blanks around names are ignored. */
    public static Set<ReportFormat> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no report format given (expected " + allowed() + ")");
        }
        Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                formats.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown report format '" + name + "' (expected " + allowed() + ")");
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no report format given (expected " + allowed() + ")");
        }
        return formats;
    }

    private static String allowed() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
