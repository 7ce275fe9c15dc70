package io.dbaudit.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.rule.RuleMeta;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one Jackson configuration for the JSON report, shared by writer and reader so the two cannot drift.
 * The report shape is the model records as they are (record component order, enum names, ISO-8601
 * instants, nulls written) with two deliberate exceptions done here rather than in the model:
 * {@link EngineKind} and {@link ErrorReason} are written as their lowercase labels, matching how users
 * type them on the command line and in target files.
 */
final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(labelModule())
            .addMixIn(RuleMeta.class, RuleMetaMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // A newer tool may add keys within the same schema version; the schemaVersion check guards real breaks.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .defaultPrettyPrinter(prettyPrinter())
            .build();

    private ReportJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** "\n" line ends on every platform so that reports diff cleanly between machines. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    private static SimpleModule labelModule() {
        SimpleModule module = new SimpleModule("dbaudit-report-labels");
        module.addSerializer(EngineKind.class, new LabelSerializer<>(EngineKind::label));
        module.addDeserializer(EngineKind.class, new LabelDeserializer<>(EngineKind.class, EngineKind::parse));
        module.addSerializer(ErrorReason.class, new LabelSerializer<>(ErrorReason::label));
        module.addDeserializer(ErrorReason.class, new LabelDeserializer<>(ErrorReason.class, ErrorReason::parse));
        return module;
    }

    private static final class LabelSerializer<E extends Enum<E>> extends JsonSerializer<E> {
        private final Function<E, String> label;

        LabelSerializer(Function<E, String> label) {
            this.label = label;
        }

        @Override
        public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(label.apply(value));
        }
    }

    private static final class LabelDeserializer<E extends Enum<E>> extends JsonDeserializer<E> {
        private final Class<E> type;
        private final Function<String, E> parse;

        LabelDeserializer(Class<E> type, Function<String, E> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                return type.cast(ctxt.handleWeirdStringValue(type, text, "not a %s label", type.getSimpleName()));
            }
        }
    }

    /**
     * RuleMeta copies its maps with {@code Map.copyOf}, whose iteration order changes from run to run;
     * sorting the keys keeps two reports of the same scan byte-identical.
     */
    abstract static class RuleMetaMixin {
        @JsonSerialize(converter = SortedKeys.class)
        abstract Map<String, Object> parameters();

        @JsonSerialize(converter = SortedKeys.class)
        abstract Map<String, List<String>> frameworks();
    }

    static final class SortedKeys extends StdConverter<Map<String, ?>, Map<String, ?>> {
        @Override
        public Map<String, ?> convert(Map<String, ?> value) {
            return value == null ? null : new TreeMap<>(value);
        }
    }
}
