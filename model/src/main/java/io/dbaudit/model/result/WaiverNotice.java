package io.dbaudit.model.result;

import java.time.LocalDate;

/**
 * A waiver the run did not apply: {@code kind} "expired" (ignored; the finding fails again) or "unused"
 * (matched nothing: the problem is fixed or the waiver is wrong). {@code location} is waivers.yaml:line.
 */
public record WaiverNotice(String kind, String id, String ruleId, String location, LocalDate expires) {
}
