package io.dbaudit.reports.html;

import java.util.List;

/**
 * Everything the HTML template shows, already grouped, ordered and made printable, so the template only
 * lays out. Strings here are plain text; the template's HTML output format escapes every one of them.
 * The types are public records because Freemarker only reads public accessors.
 */
public record HtmlView(String toolName, String toolVersion, String started, String finished, String duration,
                       int targetCount, int ruleCount, int resultCount, int findingCount,
                       String verdict, String verdictCss, String incompleteNote,
                       List<Count> statusCounts, List<Count> severityCounts,
                       List<TargetRow> targets, List<TargetSection> sections) {

    /** A labelled number shown as a badge; {@code css} picks the colour. */
    public record Count(String label, int count, String css) {
    }

    public record TargetRow(String id, String anchor, String engine, String endpoint, String version, String status,
                            String statusCss, String detail, String duration) {
    }

    /** One target's results; {@code note} explains an empty section (e.g. the target was unreachable). */
    public record TargetSection(String id, String anchor, String engine, String status, String statusCss,
                                List<Count> counts, String note, List<AreaSection> areas) {
    }

    /** Results of one area: non-passing ones grouped by severity (worst first), passing ones listed compactly. */
    public record AreaSection(String name, int total, List<SeverityGroup> groups, List<PassedRule> passed) {
    }

    public record SeverityGroup(String severity, String css, List<ResultView> results) {
    }

    /** A non-passing rule result; {@code open} expands FAIL and ERROR by default. */
    public record ResultView(String ruleId, String title, String status, String statusCss, String severity,
                             String severityCss, String reason, String detail, boolean open, String effect,
                             String remediationLanguage, List<FindingView> findings, String description,
                             String rationale, List<Link> references) {
    }

    public record FindingView(String message, String object, String location, String fingerprint,
                              List<Row> evidence, String remediation, String rollback) {
    }

    public record Row(String key, String value) {
    }

    /** A reference; {@code url} is null unless it is http(s), so a rule pack cannot plant a javascript: link. */
    public record Link(String title, String url) {
    }

    public record PassedRule(String ruleId, String title, String severity, String severityCss) {
    }
}
