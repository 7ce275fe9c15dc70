package io.dbaudit.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small template language of messages and remediation: {@code {{name}}} inserts a value as text,
 * {@code {{ident:name}}} / {@code {{literal:name}}} / {@code {{number:name}}} / {@code {{setting:name}}}
 * pass it through {@link SqlQuoting}; {@code {{indexdef:name}}} turns a server-printed index definition
 * into its CREATE INDEX CONCURRENTLY form; {@code {{redis:x}}} is one redis-cli argument and
 * {@code {{json:x}}} one JavaScript/JSON string literal (for mongosh). Names resolve against the finding's evidence, then {@code param.X}
 * against the rule's parameters. Deliberately no logic: anything conditional belongs in the DRL.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(?:([a-z]+):)?([A-Za-z0-9_.]+)\\s*}}");
    /** Filters allowed where the output is executed (SQL, shell): no raw text. */
    public static final List<String> QUOTING_FILTERS = List.of("ident", "literal", "number", "setting", "indexdef",
            "redis", "json");

    private final String source;

    public Template(String source) {
        this.source = source == null ? "" : source;
    }

    public record Placeholder(String filter, String name) {
    }

    public List<Placeholder> placeholders() {
        List<Placeholder> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        while (m.find()) {
            out.add(new Placeholder(m.group(1), m.group(2)));
        }
        return out;
    }

    public String render(Map<String, String> values) {
        return render(values::get);
    }

    public String render(Function<String, String> lookup) {
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String filter = m.group(1);
            String name = m.group(2);
            String value = lookup.apply(name);
            if (value == null) {
                throw new TemplateException("no value for {{" + name + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(apply(filter, value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String apply(String filter, String value) {
        if (filter == null) {
            return value;
        }
        return switch (filter) {
            case "ident" -> SqlQuoting.ident(value);
            case "literal" -> SqlQuoting.literal(value);
            case "number" -> SqlQuoting.number(value);
            case "setting" -> SqlQuoting.settingName(value);
            case "indexdef" -> SqlQuoting.concurrentIndexDefinition(value);
            case "redis" -> OtherQuoting.redisArgument(value);
            case "json" -> OtherQuoting.jsonString(value);
            default -> throw new TemplateException("unknown filter '" + filter + "'");
        };
    }
}
