package io.dbaudit.model.facts;

/**
 * Memory and CPUs of the database host, for tuning formulas. {@code source} is "parameter" (the target's
 * {@code memory}/{@code cpus}) or "os" (the scanner runs on the DB host). Absent when neither is known:
 * memory rules then come out SKIPPED, never guessed.
 */
public record HostResources(long memoryBytes, int cpus, String source) implements Fact {
}
