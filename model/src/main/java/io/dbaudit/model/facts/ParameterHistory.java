package io.dbaudit.model.facts;

/**
 * When a configuration parameter appeared and disappeared (by major version), shipped with the rules so
 * that obsolete and unknown parameters are judged from data. {@code removedIn} null = still present;
 * {@code replacement} names what replaced it, if anything.
 */
public record ParameterHistory(String product, String name, Integer introducedIn, Integer removedIn,
                               String replacement) implements Fact {
    public boolean knownIn(int major) {
        return (introducedIn == null || introducedIn <= major) && (removedIn == null || major < removedIn);
    }
}
