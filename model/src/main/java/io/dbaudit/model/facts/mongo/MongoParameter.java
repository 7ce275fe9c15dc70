package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One server parameter from {@code getParameter: "*"} (authenticationMechanisms,
 * enableLocalhostAuthBypass...). {@code value} is the raw value as text; an array is joined with commas.
 */
public record MongoParameter(String name, String value) implements Fact {

    public boolean on() {
        return MongoValues.truthy(value);
    }

    public List<String> items() {
        return MongoValues.items(value);
    }

    public boolean hasItem(String item) {
        return items().contains(item);
    }
}
