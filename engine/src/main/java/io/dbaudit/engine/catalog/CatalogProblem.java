package io.dbaudit.engine.catalog;

/** One thing wrong with a rule pack, pointing at the file (and line when known). */
public record CatalogProblem(String location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
