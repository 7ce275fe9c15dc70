package io.dbaudit.reports.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.AppliedWaiver;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.model.rule.Reference;
import io.dbaudit.model.rule.RuleMeta;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a scan as SARIF 2.1.0 (one run) for code-scanning dashboards such as GitHub's.
 * <ul>
 *   <li>{@code tool.driver.rules} lists every rule of the report (plus a minimal entry for any result whose
 *       rule has no metadata, so each {@code ruleIndex} points at a real descriptor);</li>
 *   <li>every finding of a FAIL result is one result; WAIVED results (and waived findings) are written the same
 *       way but carry an external suppression with the waiver's justification, so viewers show them as
 *       dismissed rather than dropping them; a finding's baseline state becomes {@code baselineState};</li>
 *   <li>ERROR results and targets that could not be scanned become tool execution notifications, and an
 *       unscanned target makes {@code executionSuccessful} false. PASS and SKIPPED results are not written.</li>
 * </ul>
 * Every string comes from the report and is written as JSON data by Jackson; nothing is interpolated into
 * markup except the rule help markdown, whose parts come from rule metadata and are escaped/fenced.
 * This class only renders; file writing (atomic replace) is done by {@code ReportWriters}.
 */
public final class SarifReportWriter {

    public static final String SARIF_VERSION = "2.1.0";
    public static final String SARIF_SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** Key of {@link Finding#fingerprint()} in {@code partialFingerprints}; bump the version if the hash changes. */
    public static final String FINGERPRINT_KEY = "dbauditFingerprint/v1";
    /** The base a relative config-file path is resolved against (the consumer maps it to its checkout). */
    public static final String SRCROOT = "SRCROOT";

    /** "path:line" — the form collectors use for config-file facts ("pg_hba.conf:12"). */
    private static final Pattern FILE_LINE = Pattern.compile("^(.+):([0-9]{1,9})$");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[/\\\\].*");

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** Writes to {@code out} without closing it. Pretty printed, "\n" line ends, trailing newline. */
    public void write(ScanReport report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter))
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, toTree(report));
        out.write('\n');
    }

    public String toSarif(ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The SARIF log as a Jackson tree. */
    public ObjectNode toTree(ScanReport report) {
        List<RuleResult> results = report.results() == null ? List.of() : report.results();
        List<RuleMeta> metas = report.rules() == null ? List.of() : report.rules();
        Map<String, TargetInfo> targets = new LinkedHashMap<>();
        if (report.targets() != null) {
            report.targets().forEach(t -> targets.putIfAbsent(t.id(), t));
        }

        ObjectNode log = MAPPER.createObjectNode();
        log.put("$schema", SARIF_SCHEMA);
        log.put("version", SARIF_VERSION);
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.tool() != null && notBlank(report.tool().name()) ? report.tool().name() : "dbaudit");
        if (report.tool() != null && notBlank(report.tool().version())) {
            driver.put("version", report.tool().version());
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (RuleMeta meta : metas) {
            if (meta != null && meta.id() != null && !ruleIndex.containsKey(meta.id())) {
                ruleIndex.put(meta.id(), rules.size());
                rules.add(rule(meta));
            }
        }
        for (RuleResult r : results) {
            if (r.ruleId() != null && !ruleIndex.containsKey(r.ruleId())) {
                ruleIndex.put(r.ruleId(), rules.size());
                rules.add(ruleFromResult(r));
            }
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        if (report.startedAt() != null) {
            invocation.put("startTimeUtc", report.startedAt().toString());
        }
        if (report.finishedAt() != null) {
            invocation.put("endTimeUtc", report.finishedAt().toString());
        }
        ArrayNode notifications = MAPPER.createArrayNode();
        boolean successful = true;
        for (TargetInfo t : targets.values()) {
            if (!scanned(t.status())) {
                successful = false;
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", "Target " + t.id() + " was not scanned: "
                        + (t.status() == null ? "unknown status" : t.status().name())
                        + (notBlank(t.detail()) ? ": " + t.detail() : ""));
                ObjectNode p = n.putObject("properties");
                p.put("target", t.id());
                if (t.engine() != null) {
                    p.put("engine", t.engine().label());
                }
                if (t.status() != null) {
                    p.put("status", t.status().name());
                }
            }
        }
        for (RuleResult r : results) {
            if (r.status() == Status.ERROR) {
                notifications.add(errorNotification(r, ruleIndex));
            }
        }
        invocation.put("executionSuccessful", successful);
        if (!notifications.isEmpty()) {
            invocation.set("toolExecutionNotifications", notifications);
        }

        ArrayNode out = run.putArray("results");
        for (RuleResult r : results) {
            if (r.status() != Status.FAIL && r.status() != Status.WAIVED) {
                continue;
            }
            if (r.findings().isEmpty()) {
                out.add(result(r, null, ruleIndex));
            } else {
                for (Finding f : r.findings()) {
                    out.add(result(r, f, ruleIndex));
                }
            }
        }
        return log;
    }

    private static ObjectNode rule(RuleMeta meta) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", meta.id());
        rule.put("name", pascalCase(meta.title(), meta.id()));
        String title = notBlank(meta.title()) ? meta.title() : meta.id();
        rule.putObject("shortDescription").put("text", title);
        String full = notBlank(meta.description()) ? meta.description()
                : notBlank(meta.rationale()) ? meta.rationale() : title;
        rule.putObject("fullDescription").put("text", full);
        ObjectNode help = rule.putObject("help");
        help.put("text", helpText(meta));
        help.put("markdown", helpMarkdown(meta));
        String helpUri = firstWebUrl(meta.references());
        if (helpUri != null) {
            rule.put("helpUri", helpUri);
        }
        rule.putObject("defaultConfiguration").put("level", level(meta.severity()));

        ObjectNode props = rule.putObject("properties");
        Set<String> tags = new LinkedHashSet<>();
        if (meta.area() != null) {
            tags.add(meta.area().label());
        }
        for (EngineKind e : meta.engines()) {
            tags.add(e.label());
        }
        new TreeMap<>(meta.frameworks()).forEach((fw, ids) -> {
            if (ids != null) {
                ids.forEach(id -> tags.add("external/" + fw + "/" + id));
            }
        });
        ArrayNode tagArray = props.putArray("tags");
        tags.forEach(tagArray::add);
        props.put("security-severity", securitySeverity(meta.severity()));
        props.put("precision", "high");
        if (meta.severity() != null) {
            props.put("severity", meta.severity().name());
        }
        if (meta.area() != null) {
            props.put("area", meta.area().label());
        }
        if (!meta.aliases().isEmpty()) {
            ArrayNode aliases = props.putArray("aliases");
            meta.aliases().forEach(aliases::add);
        }
        if (meta.remediation() != null && notBlank(meta.remediation().effect())) {
            props.put("effect", meta.remediation().effect());
        }
        return rule;
    }

    /** A descriptor for a result whose rule is missing from {@code ScanReport.rules}: what the result itself says. */
    private static ObjectNode ruleFromResult(RuleResult r) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", r.ruleId());
        rule.put("name", pascalCase(r.title(), r.ruleId()));
        String title = notBlank(r.title()) ? r.title() : r.ruleId();
        rule.putObject("shortDescription").put("text", title);
        rule.putObject("fullDescription").put("text", title);
        rule.putObject("help").put("text", title);
        rule.putObject("defaultConfiguration").put("level", level(r.severity()));
        ObjectNode props = rule.putObject("properties");
        if (r.area() != null) {
            props.putArray("tags").add(r.area().label());
        }
        props.put("security-severity", securitySeverity(r.severity()));
        props.put("precision", "high");
        if (r.severity() != null) {
            props.put("severity", r.severity().name());
        }
        if (r.area() != null) {
            props.put("area", r.area().label());
        }
        return rule;
    }

    private static ObjectNode result(RuleResult r, Finding f, Map<String, Integer> ruleIndex) {
        ObjectNode result = MAPPER.createObjectNode();
        if (r.ruleId() != null) {
            result.put("ruleId", r.ruleId());
            result.put("ruleIndex", ruleIndex.get(r.ruleId()));
        }
        result.put("kind", "fail");
        result.put("level", level(r.severity()));
        String message = f != null && notBlank(f.message()) ? f.message()
                : notBlank(r.title()) ? r.title() : String.valueOf(r.ruleId());
        result.putObject("message").put("text", message);

        ObjectNode location = result.putArray("locations").addObject();
        String object = f == null ? null : f.object();
        String target = r.target() == null ? "" : r.target();
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        if (object != null) {
            logical.put("name", object);
        }
        logical.put("fullyQualifiedName", object == null ? target : target + "/" + object);
        logical.put("kind", "resource");
        if (f != null && f.location() != null) {
            ObjectNode physical = physicalLocation(f.location());
            if (physical != null) {
                location.set("physicalLocation", physical);
            }
        }

        if (f != null && notBlank(f.fingerprint())) {
            result.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        }
        if (f != null && f.baseline() != null) {
            result.put("baselineState", Finding.NEW.equals(f.baseline()) ? "new" : "unchanged");
        }
        AppliedWaiver waiver = f == null ? null : f.waiver();
        if (r.status() == Status.WAIVED || waiver != null) {
            ObjectNode suppression = result.putArray("suppressions").addObject();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            String justification = waiver != null && notBlank(waiver.justification()) ? waiver.justification()
                    : notBlank(r.detail()) ? r.detail() : "waived";
            suppression.put("justification", justification);
            if (waiver != null) {
                ObjectNode wp = suppression.putObject("properties");
                if (waiver.id() != null) {
                    wp.put("waiverId", waiver.id());
                }
                if (waiver.expires() != null) {
                    wp.put("expires", waiver.expires().toString());
                }
                if (waiver.approver() != null) {
                    wp.put("approver", waiver.approver());
                }
            }
        }

        ObjectNode props = result.putObject("properties");
        props.put("target", r.target());
        props.put("status", r.status().name());
        if (r.severity() != null) {
            props.put("severity", r.severity().name());
        }
        if (f != null) {
            if (f.remediation() != null) {
                props.put("remediation", f.remediation());
            }
            if (f.rollback() != null) {
                props.put("rollback", f.rollback());
            }
            if (!f.evidence().isEmpty()) {
                ObjectNode evidence = props.putObject("evidence");
                new TreeMap<>(f.evidence()).forEach(evidence::put);
            }
        }
        if (r.remediationLanguage() != null) {
            props.put("remediationLanguage", r.remediationLanguage());
        }
        if (r.effect() != null) {
            props.put("effect", r.effect());
        }
        return result;
    }

    private static ObjectNode errorNotification(RuleResult r, Map<String, Integer> ruleIndex) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("level", "error");
        String reason = r.reason() == null ? "error" : r.reason().label();
        n.putObject("message").put("text", r.ruleId() + " on " + r.target() + ": " + reason
                + (notBlank(r.detail()) ? ": " + r.detail() : ""));
        if (r.ruleId() != null) {
            ObjectNode rule = n.putObject("associatedRule");
            rule.put("id", r.ruleId());
            rule.put("index", ruleIndex.get(r.ruleId()));
        }
        ObjectNode p = n.putObject("properties");
        p.put("target", r.target());
        p.put("reason", reason);
        return n;
    }

    /**
     * "conf/postgresql.conf:12" becomes a physical location; anything that is not "path:line" (a pg_settings
     * source such as "default" or "command line") yields null and the result keeps only its logical location.
     */
    static ObjectNode physicalLocation(String location) {
        Matcher m = FILE_LINE.matcher(location);
        if (!m.matches()) {
            return null;
        }
        int line = Integer.parseInt(m.group(2));
        String path = m.group(1).trim();
        if (line < 1 || path.isEmpty()) {
            return null;
        }
        ObjectNode artifact = MAPPER.createObjectNode();
        try {
            if (path.startsWith("/")) {
                artifact.put("uri", new URI("file", "", path, null).toASCIIString());
            } else if (WINDOWS_DRIVE.matcher(path).matches()) {
                artifact.put("uri", new URI("file", "", "/" + path.replace('\\', '/'), null).toASCIIString());
            } else {
                String encoded = new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
                // A first segment with a ':' would read as a URI scheme.
                if (encoded.indexOf(':') >= 0 && (encoded.indexOf('/') < 0 || encoded.indexOf(':') < encoded.indexOf('/'))) {
                    encoded = "./" + encoded;
                }
                artifact.put("uri", encoded);
                artifact.put("uriBaseId", SRCROOT);
            }
        } catch (URISyntaxException e) {
            return null;
        }
        ObjectNode physical = MAPPER.createObjectNode();
        physical.set("artifactLocation", artifact);
        physical.putObject("region").put("startLine", line);
        return physical;
    }

    static String level(Severity severity) {
        if (severity == null) {
            return "warning";
        }
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The CVSS-like score GitHub code scanning maps to critical (9+), high (7+), medium (4+), low. */
    static String securitySeverity(Severity severity) {
        if (severity == null) {
            return "5.5";
        }
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    /** "pg_hba.conf has no trust entries" → "PgHbaConfHasNoTrustEntries"; falls back to the id's letters and digits. */
    static String pascalCase(String title, String id) {
        String name = pascal(title);
        if (name.isEmpty()) {
            name = pascal(id);
        }
        return name.isEmpty() ? "Rule" : name;
    }

    private static String pascal(String text) {
        StringBuilder out = new StringBuilder();
        if (text == null) {
            return "";
        }
        boolean upper = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(upper ? Character.toUpperCase(cp) : cp);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }

    private static String helpText(RuleMeta meta) {
        StringBuilder b = new StringBuilder();
        if (notBlank(meta.rationale())) {
            b.append(meta.rationale().strip()).append("\n\n");
        } else if (notBlank(meta.description())) {
            b.append(meta.description().strip()).append("\n\n");
        }
        if (meta.remediation() != null && notBlank(meta.remediation().template())) {
            b.append("Remediation");
            if (notBlank(meta.remediation().effect())) {
                b.append(" (").append(meta.remediation().effect()).append(')');
            }
            b.append(":\n").append(meta.remediation().template().strip()).append("\n\n");
            if (notBlank(meta.remediation().notes())) {
                b.append(meta.remediation().notes().strip()).append("\n\n");
            }
        }
        if (!meta.references().isEmpty()) {
            b.append("References:\n");
            for (Reference ref : meta.references()) {
                b.append("- ").append(Objects.toString(ref.title(), ""));
                if (notBlank(ref.url())) {
                    b.append(": ").append(ref.url());
                }
                b.append('\n');
            }
        }
        String text = b.toString().strip();
        return text.isEmpty() ? (notBlank(meta.title()) ? meta.title() : meta.id()) : text;
    }

    private static String helpMarkdown(RuleMeta meta) {
        StringBuilder b = new StringBuilder();
        if (notBlank(meta.rationale())) {
            b.append(markdownText(meta.rationale().strip())).append("\n\n");
        } else if (notBlank(meta.description())) {
            b.append(markdownText(meta.description().strip())).append("\n\n");
        }
        if (meta.remediation() != null && notBlank(meta.remediation().template())) {
            b.append("**Remediation**");
            if (notBlank(meta.remediation().effect())) {
                b.append(" (").append(markdownText(meta.remediation().effect())).append(')');
            }
            b.append("\n\n");
            String template = meta.remediation().template().strip();
            String fence = fence(template);
            String language = meta.remediation().language();
            b.append(fence).append(language != null && language.matches("[A-Za-z0-9_+-]{1,20}") ? language : "")
                    .append('\n').append(template).append('\n').append(fence).append("\n\n");
            if (notBlank(meta.remediation().notes())) {
                b.append(markdownText(meta.remediation().notes().strip())).append("\n\n");
            }
        }
        if (!meta.references().isEmpty()) {
            b.append("**References**\n\n");
            for (Reference ref : meta.references()) {
                String title = markdownText(notBlank(ref.title()) ? ref.title() : Objects.toString(ref.url(), ""));
                if (isWebUrl(ref.url())) {
                    b.append("- [").append(title).append("](<").append(ref.url().replace(">", "%3E").replace("<", "%3C"))
                            .append(">)\n");
                } else {
                    b.append("- ").append(title).append('\n');
                }
            }
        }
        String text = b.toString().strip();
        return text.isEmpty() ? markdownText(notBlank(meta.title()) ? meta.title() : meta.id()) : text;
    }

    /** A backtick fence longer than any run of backticks in the code, so the code cannot close it. */
    private static String fence(String code) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < code.length(); i++) {
            run = code.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** Backslash-escapes markdown punctuation and inline HTML so metadata text renders as written. */
    private static String markdownText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String firstWebUrl(List<Reference> references) {
        for (Reference ref : references) {
            if (ref != null && isWebUrl(ref.url())) {
                return ref.url();
            }
        }
        return null;
    }

    /** Only http(s) URLs become links: a reference such as "javascript:..." stays plain text. */
    private static boolean isWebUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && uri.getHost() != null && scheme != null
                    && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean scanned(TargetStatus status) {
        return status == TargetStatus.COMPLETE || status == TargetStatus.PARTIAL;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
