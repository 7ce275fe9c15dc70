package io.dbaudit.reports;

import io.dbaudit.model.result.ScanReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON report back (for baselines and diffs). Rejects reports of a schema this build does not know. */
public final class JsonReportReader {

    public ScanReport read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return checked(ReportJson.mapper().readValue(in, ScanReport.class), file.toString());
        }
    }

    public ScanReport read(String json) throws IOException {
        return checked(ReportJson.mapper().readValue(json, ScanReport.class), "report");
    }

    private static ScanReport checked(ScanReport report, String source) throws IOException {
        if (report == null) {
            throw new IOException(source + ": empty report");
        }
        if (report.schemaVersion() < 1 || report.schemaVersion() > ScanReport.SCHEMA_VERSION) {
            throw new IOException(source + ": report schemaVersion " + report.schemaVersion()
                    + " is not supported (this build reads 1.." + ScanReport.SCHEMA_VERSION + ")");
        }
        return report;
    }
}
