package io.dbaudit.model.facts;

import java.util.List;
import java.util.Map;

/**
 * One rule parameter (a threshold, an allow-list) as a fact: the default from the rule's YAML, or the
 * user's override. Typed accessors keep DRL free of casts.
 */
public record RuleParam(String ruleId, String name, Object value) implements Fact {

    public long asLong() {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(String.valueOf(value).trim());
    }

    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble(String.valueOf(value).trim());
    }

    public String asText() {
        return value == null ? "" : String.valueOf(value);
    }

    public boolean asBool() {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    /** A list parameter; a scalar is a one-element list, so YAML {@code allowed: postgres} works. */
    public List<String> asList() {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    public boolean contains(String item) {
        return asList().contains(item);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
