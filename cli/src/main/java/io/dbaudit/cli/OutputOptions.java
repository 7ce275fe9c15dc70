package io.dbaudit.cli;

import io.dbaudit.reports.ReportFormat;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Where reports go and in which formats (a picocli mixin shared by scan and demo). */
final class OutputOptions {
    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Report formats, comma-separated: json, html, sarif, junit (default: ${DEFAULT-VALUE}).",
            defaultValue = "json,html")
    Set<String> formats;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "dbaudit-report",
            description = "Directory for report files (default: ${DEFAULT-VALUE}).")
    Path output;

    Set<ReportFormat> reportFormats() {
        Set<ReportFormat> out = new LinkedHashSet<>();
        for (String f : formats) {
            try {
                out.add(ReportFormat.valueOf(f.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("unknown report format '" + f + "' (expected json, html, sarif, junit)");
            }
        }
        return out;
    }
}
