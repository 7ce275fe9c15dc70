package io.dbaudit.cli;

import io.dbaudit.model.result.ScanReport;
import io.dbaudit.reports.ConsoleSummary;
import io.dbaudit.reports.ReportFormat;
import io.dbaudit.reports.ReportWriters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the report files and prints the summary table and their paths. {@code shown} is what people see
 * (console, HTML: possibly filtered by --severity); machine formats always get the complete report.
 */
final class ReportOutput {
    private ReportOutput() {
    }

    static List<Path> emit(ScanReport full, ScanReport shown, OutputOptions out, PrintStream stdout) {
        stdout.print(new ConsoleSummary(ConsoleSummary.terminalWidth(), System.console() != null).render(shown));
        Set<ReportFormat> formats = out.reportFormats();
        Set<ReportFormat> machine = EnumSet.noneOf(ReportFormat.class);
        machine.addAll(formats);
        machine.remove(ReportFormat.HTML);
        List<Path> written = new ArrayList<>();
        try {
            if (!machine.isEmpty()) {
                written.addAll(ReportWriters.write(full, machine, out.output));
            }
            if (formats.contains(ReportFormat.HTML)) {
                written.addAll(ReportWriters.write(shown, EnumSet.of(ReportFormat.HTML), out.output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + out.output + ": " + e.getMessage(), e);
        }
        for (Path p : written) {
            stdout.println("Report: " + p.toAbsolutePath().normalize());
        }
        return written;
    }
}
