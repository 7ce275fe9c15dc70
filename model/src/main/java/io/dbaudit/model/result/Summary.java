package io.dbaudit.model.result;

import java.util.Map;

/**
 * Counts for a report: results by status, failed results by severity, findings in total.
 * Maps are ordered (status and severity order) for stable output.
 */
public record Summary(int targets, int rules, Map<String, Integer> byStatus, Map<String, Integer> failedBySeverity,
                      int findings) {
}
