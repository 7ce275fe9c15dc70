package io.dbaudit.cli;

import io.dbaudit.model.result.ScanReport;
import io.dbaudit.reports.ConsoleSummary;
import io.dbaudit.reports.ReportWriters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the report files and prints the summary table and their paths. */
final class ReportOutput {
    private ReportOutput() {
    }

    static List<Path> emit(ScanReport report, OutputOptions out, PrintStream stdout) {
        stdout.print(new ConsoleSummary(ConsoleSummary.terminalWidth(), System.console() != null).render(report));
        List<Path> written;
        try {
            written = ReportWriters.write(report, out.reportFormats(), out.output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + out.output + ": " + e.getMessage(), e);
        }
        for (Path p : written) {
            stdout.println("Report: " + p.toAbsolutePath().normalize());
        }
        return written;
    }
}
