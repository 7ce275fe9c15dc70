package io.dbaudit.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dbaudit.model.result.ScanReport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes the JSON report, the machine-readable contract of a run (see {@link ReportJson} for the shape).
 * Pretty printed with a trailing newline; the file is replaced atomically.
 */
public final class JsonReportWriter {

    public Path write(ScanReport report, Path file) throws IOException {
        Objects.requireNonNull(report, "report");
        return AtomicFiles.write(file, out -> write(report, out));
    }

    /** Writes to {@code out} without closing it (the caller owns the stream, e.g. stdout). */
    public void write(ScanReport report, Writer out) throws IOException {
        ReportJson.mapper().writerWithDefaultPrettyPrinter()
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, report);
        out.write('\n');
    }

    public String toJson(ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
