package io.dbaudit.model.facts.mongo;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One leaf of getCmdLineOpts' {@code parsed} document (the effective configuration file and command line
 * options), by its dotted path ({@code security.authorization}, {@code net.bindIp}, {@code net.tls.mode}).
 * {@code value} is the raw value as text; an array is joined with commas. An option not set is absent:
 * mongod's default applies.
 */
public record MongoOption(String path, String value) implements Fact {

    public boolean on() {
        return MongoValues.truthy(value);
    }

    public boolean off() {
        return MongoValues.falsy(value);
    }

    public List<String> items() {
        return MongoValues.items(value);
    }

    public boolean hasItem(String item) {
        return items().stream().anyMatch(i -> i.equalsIgnoreCase(item));
    }

    public long asLong() {
        return (long) Double.parseDouble(value.trim());
    }
}
