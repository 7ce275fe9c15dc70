package io.dbaudit.reports;

import io.dbaudit.model.result.ScanReport;
import io.dbaudit.reports.junit.JunitReportWriter;
import io.dbaudit.reports.sarif.SarifReportWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Writes the chosen report formats into one directory, in {@link ReportFormat} order. */
public final class ReportWriters {

    private ReportWriters() {
    }

    /**
     * Each file is replaced atomically; if a later format fails, the files already written stay (they are
     * complete and consistent with each other's scan) and the exception propagates.
     *
     * @return the written files, in format order
     */
    public static List<Path> write(ScanReport report, Set<ReportFormat> formats, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats.isEmpty() ? EnumSet.noneOf(ReportFormat.class) : EnumSet.copyOf(formats)) {
            Path file = outDir.resolve(format.fileName());
            written.add(switch (format) {
                case JSON -> new JsonReportWriter().write(report, file);
                case HTML -> new HtmlReportWriter().write(report, file);
                case SARIF -> AtomicFiles.write(file, out -> new SarifReportWriter().write(report, out));
                case JUNIT -> AtomicFiles.write(file, out -> new JunitReportWriter().write(report, out));
            });
        }
        return List.copyOf(written);
    }
}
