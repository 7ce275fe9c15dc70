package io.dbaudit.reports.junit;

import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.reports.Printable;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a scan as JUnit XML so CI systems (Jenkins, GitLab, GitHub test reporters) show it as a test run:
 * one {@code <testsuite>} per target, one {@code <testcase>} per rule result. FAIL is a {@code <failure>}
 * (type = severity), ERROR an {@code <error>} (type = reason), SKIPPED and WAIVED are {@code <skipped>}.
 * A target that could not be scanned (status other than COMPLETE/PARTIAL) gets an extra {@code connect}
 * testcase carrying an {@code <error>} with the target's detail, so the suite is never silently empty.
 * <p>
 * Escaping is done by {@link XMLStreamWriter}. Collected text is made printable first: attribute values are
 * single-line ({@link Printable#singleLine}, so a newline becomes a visible {@code \n} instead of being
 * normalised to a space by the parser), element text keeps newlines and tabs ({@link Printable#multiLine});
 * both turn every other control character, which XML 1.0 cannot carry, into visible {@code \}{@code uXXXX}
 * text. Unpaired surrogates and U+FFFE/U+FFFF, also illegal in XML, are replaced the same way.
 * This class only renders; file writing (atomic replace) is done by {@code ReportWriters}.
 */
public final class JunitReportWriter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Keeps failure messages readable in CI summaries; the body carries every finding in full. */
    private static final int MAX_MESSAGE = 500;

    /** Writes to {@code out} without closing it. */
    public void write(ScanReport report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            new Doc(xml).write(report);
            xml.flush();
            xml.close(); // does not close the underlying writer
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.write('\n');
    }

    public String toXml(ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One testsuite: the target, its results, and whether a {@code connect} error case is added. */
    private record Suite(String id, TargetInfo info, List<RuleResult> results, boolean connectError) {
        int tests() {
            return results.size() + (connectError ? 1 : 0);
        }

        int count(Status status) {
            return (int) results.stream().filter(r -> r.status() == status).count();
        }

        int failures() {
            return count(Status.FAIL);
        }

        int errors() {
            return count(Status.ERROR) + (connectError ? 1 : 0);
        }

        int skipped() {
            return count(Status.SKIPPED) + count(Status.WAIVED);
        }
    }

    private static final class Doc {
        private final XMLStreamWriter xml;

        Doc(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void write(ScanReport report) throws XMLStreamException {
            List<Suite> suites = suites(report);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "dbaudit");
            xml.writeAttribute("tests", String.valueOf(suites.stream().mapToInt(Suite::tests).sum()));
            xml.writeAttribute("failures", String.valueOf(suites.stream().mapToInt(Suite::failures).sum()));
            xml.writeAttribute("errors", String.valueOf(suites.stream().mapToInt(Suite::errors).sum()));
            xml.writeAttribute("skipped", String.valueOf(suites.stream().mapToInt(Suite::skipped).sum()));
            xml.writeAttribute("time", seconds(report.startedAt() == null || report.finishedAt() == null ? 0
                    : Duration.between(report.startedAt(), report.finishedAt()).toMillis()));
            for (Suite suite : suites) {
                newline(1);
                suite(suite, report.startedAt());
            }
            newline(0);
            xml.writeEndElement();
            xml.writeEndDocument();
        }

        private void suite(Suite suite, Instant started) throws XMLStreamException {
            xml.writeStartElement("testsuite");
            attribute("name", suite.id());
            xml.writeAttribute("tests", String.valueOf(suite.tests()));
            xml.writeAttribute("failures", String.valueOf(suite.failures()));
            xml.writeAttribute("errors", String.valueOf(suite.errors()));
            xml.writeAttribute("skipped", String.valueOf(suite.skipped()));
            xml.writeAttribute("time", seconds(suite.info() == null ? 0 : suite.info().durationMillis()));
            if (started != null) {
                xml.writeAttribute("timestamp", TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)));
            }
            TargetInfo info = suite.info();
            if (info != null) {
                newline(2);
                xml.writeStartElement("properties");
                property("engine", info.engine() == null ? null : info.engine().label());
                property("endpoint", info.endpoint());
                property("version", info.version());
                property("status", info.status() == null ? null : info.status().name());
                newline(2);
                xml.writeEndElement();
            }
            if (suite.connectError()) {
                newline(2);
                xml.writeStartElement("testcase");
                attribute("classname", suite.id());
                xml.writeAttribute("name", "connect");
                xml.writeAttribute("time", seconds(info.durationMillis()));
                newline(3);
                xml.writeStartElement("error");
                xml.writeAttribute("type", info.status() == null ? "unknown" : info.status().name());
                attribute("message", truncate(info.detail() == null || info.detail().isBlank()
                        ? "target was not scanned" : info.detail()));
                text(info.detail() == null ? "" : info.detail());
                xml.writeEndElement();
                newline(2);
                xml.writeEndElement();
            }
            for (RuleResult r : suite.results()) {
                newline(2);
                testcase(suite.id(), r);
            }
            newline(1);
            xml.writeEndElement();
        }

        private void testcase(String target, RuleResult r) throws XMLStreamException {
            xml.writeStartElement("testcase");
            attribute("classname", target + "." + (r.area() == null ? "unknown" : r.area().label()));
            attribute("name", Objects.toString(r.ruleId(), "?") + (r.title() == null ? "" : " " + r.title()));
            xml.writeAttribute("time", "0");
            boolean child = true;
            switch (r.status() == null ? Status.ERROR : r.status()) {
                case PASS -> child = false;
                case FAIL -> {
                    newline(3);
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", r.severity() == null ? "UNKNOWN" : r.severity().name());
                    List<Finding> open = r.findings().stream().filter(f -> !f.waived()).toList();
                    List<Finding> findings = open.isEmpty() ? r.findings() : open;
                    String first = findings.isEmpty() ? r.title() : findings.get(0).message();
                    attribute("message", truncate(findings.size() + " finding(s)"
                            + (first == null || first.isBlank() ? "" : ": " + first)));
                    text(findingsText(r));
                    xml.writeEndElement();
                }
                case ERROR -> {
                    newline(3);
                    xml.writeStartElement("error");
                    String reason = r.reason() == null ? "error" : r.reason().label();
                    xml.writeAttribute("type", reason);
                    attribute("message", truncate(r.detail() == null || r.detail().isBlank() ? reason : r.detail()));
                    if (r.detail() != null) {
                        text(r.detail());
                    }
                    xml.writeEndElement();
                }
                case SKIPPED, WAIVED -> {
                    newline(3);
                    xml.writeStartElement("skipped");
                    String justification = r.findings().stream().filter(Finding::waived)
                            .map(f -> f.waiver().justification()).filter(j -> j != null && !j.isBlank())
                            .findFirst().orElse(null);
                    String why = r.status() == Status.WAIVED ? (justification == null ? "waived" : "waived: " + justification)
                            : r.detail() != null && !r.detail().isBlank() ? r.detail()
                            : r.reason() != null ? r.reason().label() : "skipped";
                    if (r.status() == Status.WAIVED && justification == null && r.detail() != null && !r.detail().isBlank()) {
                        why = "waived: " + r.detail();
                    }
                    attribute("message", truncate(why));
                    xml.writeEndElement();
                }
            }
            if (child) {
                newline(2);
            }
            xml.writeEndElement();
        }

        private void property(String name, String value) throws XMLStreamException {
            if (value == null) {
                return;
            }
            newline(3);
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", name);
            attribute("value", value);
        }

        private void attribute(String name, String value) throws XMLStreamException {
            xml.writeAttribute(name, xmlSafe(Printable.singleLine(value == null ? "" : value)));
        }

        private void text(String value) throws XMLStreamException {
            xml.writeCharacters(xmlSafe(Printable.multiLine(value)));
        }

        private void newline(int depth) throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }

    /** Every finding: object, message, location, remediation script (indented), so a CI log shows what to fix. */
    private static String findingsText(RuleResult r) {
        StringBuilder b = new StringBuilder();
        for (Finding f : r.findings()) {
            // Names, messages and locations are one line each, so a name with a newline cannot fake a finding.
            b.append("- ").append(Printable.singleLine(Objects.toString(f.object(), "(no object)"))).append('\n');
            if (f.message() != null) {
                b.append("  ").append(Printable.singleLine(f.message())).append('\n');
            }
            if (f.waived()) {
                b.append("  waived").append(f.waiver().id() == null ? "" : " by " + Printable.singleLine(f.waiver().id()))
                        .append(f.waiver().justification() == null ? "" : ": " + Printable.singleLine(f.waiver().justification()))
                        .append('\n');
            }
            if (f.location() != null) {
                b.append("  location: ").append(Printable.singleLine(f.location())).append('\n');
            }
            if (f.remediation() != null && !f.remediation().isBlank()) {
                b.append("  remediation");
                if (r.effect() != null) {
                    b.append(" (").append(r.effect()).append(')');
                }
                b.append(":\n    ").append(indent(f.remediation().strip()).replace("\n", "\n  ")).append('\n');
            }
        }
        return b.toString();
    }

    private static String indent(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\n  ");
    }

    /** Targets in report order (then any that only appear in results), each with its results in report order. */
    private static List<Suite> suites(ScanReport report) {
        Map<String, TargetInfo> infos = new LinkedHashMap<>();
        Map<String, List<RuleResult>> byTarget = new LinkedHashMap<>();
        if (report.targets() != null) {
            for (TargetInfo t : report.targets()) {
                String id = Objects.toString(t.id(), "");
                infos.putIfAbsent(id, t);
                byTarget.putIfAbsent(id, new ArrayList<>());
            }
        }
        if (report.results() != null) {
            for (RuleResult r : report.results()) {
                byTarget.computeIfAbsent(Objects.toString(r.target(), ""), k -> new ArrayList<>()).add(r);
            }
        }
        List<Suite> suites = new ArrayList<>();
        byTarget.forEach((id, results) -> {
            TargetInfo info = infos.get(id);
            boolean notScanned = info != null && info.status() != TargetStatus.COMPLETE
                    && info.status() != TargetStatus.PARTIAL;
            suites.add(new Suite(id, info, results, notScanned));
        });
        return suites;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, millis) / 1000.0);
    }

    private static String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_MESSAGE) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_MESSAGE - 3)) + "...";
    }

    /**
     * Replaces what XML 1.0 cannot carry and {@link Printable} leaves alone: unpaired surrogates and the
     * non-characters U+FFFE/U+FFFF (control characters are already escaped by Printable).
     */
    static String xmlSafe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean legal;
            if (Character.isHighSurrogate(c)) {
                legal = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (legal) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                legal = false;
            } else {
                legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
            }
            if (!legal) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
