package io.dbaudit.engine.catalog;

/**
 * One file of a rule pack as text: {@code name} is its path inside the pack ("postgresql/security/PG-SEC-001.yaml"),
 * {@code origin} says where the pack came from (classpath or a directory) for error messages.
 */
public record PackSource(String origin, String name, String text) {
    public String location() {
        return origin + "/" + name;
    }

    public String fileName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** PG-SEC-001 for PG-SEC-001.yaml, PG-SEC-001.drl and PG-SEC-001.test.yaml. */
    public String ruleId() {
        String f = fileName();
        int dot = f.indexOf('.');
        return dot < 0 ? f : f.substring(0, dot);
    }

    public boolean isDrl() {
        return name.endsWith(".drl");
    }

    public boolean isFixture() {
        return name.endsWith(".test.yaml");
    }

    public boolean isMetadata() {
        return name.endsWith(".yaml") && !isFixture();
    }
}
