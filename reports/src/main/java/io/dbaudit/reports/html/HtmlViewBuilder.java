package io.dbaudit.reports.html;

import io.dbaudit.model.Area;
import io.dbaudit.model.Severity;
import io.dbaudit.model.Status;
import io.dbaudit.model.result.Finding;
import io.dbaudit.model.result.RuleResult;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.model.result.Summary;
import io.dbaudit.model.result.TargetInfo;
import io.dbaudit.model.result.TargetStatus;
import io.dbaudit.model.rule.Reference;
import io.dbaudit.model.rule.RuleMeta;
import io.dbaudit.reports.Printable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the {@link HtmlView} of a report: grouping target → area → severity, and ordering worst first. */
public final class HtmlViewBuilder {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Severities worst first, as a reviewer reads them. */
    private static final List<Severity> WORST_FIRST =
            List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO);
    /** Within one severity: what needs action first, what could not be checked next. */
    private static final List<Status> STATUS_ORDER =
            List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.SKIPPED, Status.PASS);

    private HtmlViewBuilder() {
    }

    public static HtmlView build(ScanReport report) {
        List<TargetInfo> targets = nonNull(report.targets());
        List<RuleResult> results = nonNull(report.results());
        Map<String, RuleMeta> rules = nonNull(report.rules()).stream()
                .filter(m -> m.id() != null)
                .collect(Collectors.toMap(RuleMeta::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));

        Map<Status, Integer> byStatus = statusCounts(report.summary(), results);
        Map<Severity, Integer> failed = failedBySeverity(report.summary(), results);
        int findings = report.summary() != null ? report.summary().findings()
                : results.stream().mapToInt(r -> r.findings().size()).sum();

        Map<String, String> anchors = anchors(targets, results);
        List<HtmlView.TargetRow> rows = targets.stream().map(t -> new HtmlView.TargetRow(
                text(t.id()), anchors.get(t.id()), t.engine() == null ? "" : t.engine().label(), text(t.endpoint()),
                text(t.version()), name(t.status()), targetCss(t.status()), block(t.detail()),
                duration(t.durationMillis()))).toList();

        List<HtmlView.TargetSection> sections = new ArrayList<>();
        for (String id : anchors.keySet()) {
            TargetInfo info = targets.stream().filter(t -> Objects.equals(t.id(), id)).findFirst().orElse(null);
            List<RuleResult> own = results.stream().filter(r -> Objects.equals(r.target(), id)).toList();
            sections.add(section(id, anchors.get(id), info, own, rules));
        }

        long incomplete = targets.stream().filter(t -> t.status() != TargetStatus.COMPLETE).count();
        int failCount = byStatus.getOrDefault(Status.FAIL, 0);
        int errorCount = byStatus.getOrDefault(Status.ERROR, 0);
        return new HtmlView(
                report.tool() == null ? "dbaudit" : text(report.tool().name()),
                report.tool() == null ? "" : text(report.tool().version()),
                time(report.startedAt()), time(report.finishedAt()), duration(report.startedAt(), report.finishedAt()),
                report.summary() != null ? report.summary().targets() : targets.size(),
                report.summary() != null ? report.summary().rules() : rules.size(),
                results.size(), findings,
                verdict(failCount, errorCount, failed), failCount > 0 ? "st-fail" : errorCount > 0 ? "st-error" : "st-pass",
                incomplete == 0 ? null : incomplete + " of " + targets.size()
                        + (targets.size() == 1 ? " target was" : " targets were") + " not fully scanned; see the status column.",
                STATUS_ORDER.stream().map(s -> count(s.name(), byStatus.getOrDefault(s, 0), statusCss(s))).toList(),
                WORST_FIRST.stream().map(s -> count(s.name(), failed.getOrDefault(s, 0), severityCss(s))).toList(),
                rows, sections);
    }

    private static HtmlView.TargetSection section(String id, String anchor, TargetInfo info, List<RuleResult> own,
                                                  Map<String, RuleMeta> rules) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        own.forEach(r -> counts.merge(r.status() == null ? Status.ERROR : r.status(), 1, Integer::sum));
        List<HtmlView.Count> badges = STATUS_ORDER.stream().filter(counts::containsKey)
                .map(s -> count(s.name(), counts.get(s), statusCss(s))).toList();

        Map<Area, List<RuleResult>> byArea = new LinkedHashMap<>();
        own.stream().sorted(Comparator.comparing(RuleResult::area, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(r -> byArea.computeIfAbsent(r.area(), a -> new ArrayList<>()).add(r));
        List<HtmlView.AreaSection> areas = new ArrayList<>();
        byArea.forEach((area, list) -> areas.add(area(area, list, rules)));

        String note = null;
        if (own.isEmpty()) {
            note = info != null && info.status() != TargetStatus.COMPLETE
                    ? "No rules were evaluated: the target is " + name(info.status()).toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (info.detail() == null ? "." : " (" + text(info.detail()) + ").")
                    : "No rules applied to this target.";
        }
        return new HtmlView.TargetSection(text(id), anchor,
                info == null || info.engine() == null ? "" : info.engine().label(),
                info == null ? "" : name(info.status()), info == null ? "" : targetCss(info.status()),
                badges, note, areas);
    }

    private static HtmlView.AreaSection area(Area area, List<RuleResult> list, Map<String, RuleMeta> rules) {
        Map<Severity, List<HtmlView.ResultView>> bySeverity = new LinkedHashMap<>();
        list.stream().filter(r -> r.status() != Status.PASS)
                .sorted(Comparator.comparing((RuleResult r) -> severityRank(r.severity()))
                        .thenComparing(r -> STATUS_ORDER.indexOf(r.status()))
                        .thenComparing(RuleResult::ruleId, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(r -> bySeverity.computeIfAbsent(r.severity(), s -> new ArrayList<>())
                        .add(result(r, rules.get(r.ruleId()))));
        List<HtmlView.SeverityGroup> groups = new ArrayList<>();
        bySeverity.forEach((s, rs) -> groups.add(new HtmlView.SeverityGroup(s == null ? "UNRATED" : s.name(),
                severityCss(s), rs)));
        List<HtmlView.PassedRule> passed = list.stream().filter(r -> r.status() == Status.PASS)
                .sorted(Comparator.comparing(RuleResult::ruleId, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(r -> new HtmlView.PassedRule(text(r.ruleId()), text(r.title()), name(r.severity()),
                        severityCss(r.severity())))
                .toList();
        return new HtmlView.AreaSection(area == null ? "Other" : capitalise(area.label()), list.size(), groups, passed);
    }

    private static HtmlView.ResultView result(RuleResult r, RuleMeta meta) {
        List<HtmlView.FindingView> findings = r.findings().stream().map(HtmlViewBuilder::finding).toList();
        List<HtmlView.Link> refs = meta == null ? List.of() : meta.references().stream()
                .map(HtmlViewBuilder::link).toList();
        return new HtmlView.ResultView(text(r.ruleId()), text(r.title()), name(r.status()), statusCss(r.status()),
                r.severity() == null ? "UNRATED" : r.severity().name(), severityCss(r.severity()),
                r.reason() == null ? null : r.reason().label(), block(r.detail()),
                r.status() == Status.FAIL || r.status() == Status.ERROR, text(r.effect()), text(r.remediationLanguage()),
                findings, meta == null ? null : block(meta.description()), meta == null ? null : block(meta.rationale()),
                refs);
    }

    private static HtmlView.FindingView finding(Finding f) {
        List<HtmlView.Row> evidence = f.evidence().entrySet().stream()
                .map(e -> new HtmlView.Row(text(e.getKey()), text(e.getValue()))).toList();
        return new HtmlView.FindingView(text(f.message()), text(f.object()), text(f.location()), text(f.fingerprint()),
                evidence, block(f.remediation()), block(f.rollback()));
    }

    private static HtmlView.Link link(Reference ref) {
        String url = ref.url();
        String safe = null;
        if (url != null) {
            try {
                String scheme = URI.create(url.trim()).getScheme();
                if (scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                    safe = url.trim();
                }
            } catch (IllegalArgumentException e) {
                safe = null; // not a URL at all: shown as text below
            }
        }
        String title = ref.title() == null || ref.title().isBlank() ? url : ref.title();
        return new HtmlView.Link(text(title), safe);
    }

    /** Target ids are collected text, so anchors are generated rather than derived from them. */
    private static Map<String, String> anchors(List<TargetInfo> targets, List<RuleResult> results) {
        Set<String> ids = new LinkedHashSet<>();
        targets.forEach(t -> ids.add(t.id()));
        results.forEach(r -> ids.add(r.target()));
        Map<String, String> anchors = new LinkedHashMap<>();
        int i = 1;
        for (String id : ids) {
            anchors.put(id, "target-" + i++);
        }
        return anchors;
    }

    private static Map<Status, Integer> statusCounts(Summary summary, List<RuleResult> results) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        if (summary != null && summary.byStatus() != null) {
            summary.byStatus().forEach((k, v) -> parse(Status.class, k).ifPresent(s -> counts.put(s, v)));
        } else {
            results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        }
        return counts;
    }

    private static Map<Severity, Integer> failedBySeverity(Summary summary, List<RuleResult> results) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        if (summary != null && summary.failedBySeverity() != null) {
            summary.failedBySeverity().forEach((k, v) -> parse(Severity.class, k).ifPresent(s -> counts.put(s, v)));
        } else {
            results.stream().filter(r -> r.status() == Status.FAIL && r.severity() != null)
                    .forEach(r -> counts.merge(r.severity(), 1, Integer::sum));
        }
        return counts;
    }

    private static String verdict(int fail, int error, Map<Severity, Integer> failed) {
        if (fail == 0) {
            return error == 0 ? "No failed checks" : "No failed checks, but " + error + (error == 1 ? " check" : " checks")
                    + " could not be evaluated";
        }
        String worst = WORST_FIRST.stream().filter(s -> failed.getOrDefault(s, 0) > 0).findFirst()
                .map(s -> ", " + failed.get(s) + " " + s.name().toLowerCase(Locale.ROOT)).orElse("");
        return fail + (fail == 1 ? " failed check" : " failed checks") + worst;
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static HtmlView.Count count(String label, int count, String css) {
        return new HtmlView.Count(label, count, count == 0 ? css + " zero" : css);
    }

    private static int severityRank(Severity s) {
        return s == null ? WORST_FIRST.size() : WORST_FIRST.indexOf(s);
    }

    static String statusCss(Status s) {
        return s == null ? "st-error" : "st-" + s.name().toLowerCase(Locale.ROOT);
    }

    static String severityCss(Severity s) {
        return s == null ? "sev-unrated" : "sev-" + s.name().toLowerCase(Locale.ROOT);
    }

    private static String targetCss(TargetStatus s) {
        if (s == null) {
            return "st-skipped";
        }
        return switch (s) {
            case COMPLETE -> "st-pass";
            case PARTIAL -> "st-waived";
            default -> "st-error";
        };
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    /** One-line collected text with control characters made visible. */
    private static String text(String s) {
        return Printable.singleLine(s);
    }

    /** Multi-line text (scripts, details) keeping its line breaks. */
    private static String block(String s) {
        return Printable.multiLine(s);
    }

    private static String capitalise(String s) {
        return s.length() <= 2 ? s.toUpperCase(Locale.ROOT) : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    private static String duration(Instant start, Instant end) {
        return start == null || end == null ? "" : duration(Duration.between(start, end).toMillis());
    }

    private static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long s = Math.round(millis / 1000.0);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
