package io.dbaudit.model.rule;

/**
 * How to fix a finding. {@code language}: sql, shell, redis-cli, mongosh, patronictl, yaml, conf, text.
 * {@code effect}: online (takes effect at once), reload, restart, manual. Templates are rendered per
 * finding; collected names only ever pass through quoting helpers.
 */
public record Remediation(String language, String effect, String template, String rollback, String notes) {
}
