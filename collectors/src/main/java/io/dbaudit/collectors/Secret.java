package io.dbaudit.collectors;

/** A password in memory. {@link #toString()} never shows it, so it cannot leak through logging or errors. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }
}
