package io.dbaudit.engine.waiver;

import java.time.LocalDate;
import java.util.List;

/**
 * An accepted risk: FAIL findings of {@code rule} on matching targets (id glob and/or tags) and objects
 * become WAIVED until {@code expires} (inclusive). {@code location} is waivers.yaml:line.
 */
public record Waiver(String id, String rule, String target, List<String> tags, String object, String justification,
                     LocalDate expires, String approver, String location) {
    public Waiver {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean activeOn(LocalDate day) {
        return !day.isAfter(expires);
    }

    public boolean matchesTarget(String targetId, List<String> targetTags) {
        boolean idOk = target == null || Globs.matches(target, targetId);
        boolean tagsOk = tags.isEmpty() || targetTags.containsAll(tags);
        return idOk && tagsOk;
    }

    public boolean matchesObject(String findingObject) {
        return object == null || Globs.matches(object, findingObject == null ? "" : findingObject);
    }
}
