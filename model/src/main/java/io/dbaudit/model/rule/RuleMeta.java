package io.dbaudit.model.rule;

import io.dbaudit.model.Area;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * A rule's metadata, loaded from {@code <ID>.yaml}. Only the logic lives in the DRL; everything a report
 * shows comes from here. {@code message} and {@code remediation} are templates over the evidence a
 * finding carries (see the engine's template syntax). {@code skipUnless} lists optional inputs (such as
 * HostResources): when none of their facts is present the rule is SKIPPED (not applicable), not ERROR.
 * {@code liveOnly} marks rules whose input never appears in a configuration file (data checksums are
 * chosen at initdb): on config-file targets they are SKIPPED (static) instead of passing on silence.
 */
public record RuleMeta(String id, String title, Severity severity, Area area, List<EngineKind> engines,
                       List<String> requires, List<String> skipUnless, String description, String rationale,
                       Map<String, Object> parameters, String message, Remediation remediation,
                       List<Reference> references, List<String> aliases, Map<String, List<String>> frameworks,
                       Boolean liveOnly, String source) {
    public RuleMeta {
        engines = engines == null ? List.of() : List.copyOf(engines);
        requires = requires == null ? List.of() : List.copyOf(requires);
        skipUnless = skipUnless == null ? List.of() : List.copyOf(skipUnless);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        references = references == null ? List.of() : List.copyOf(references);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        frameworks = frameworks == null ? Map.of() : Map.copyOf(frameworks);
    }

    public boolean live() {
        return Boolean.TRUE.equals(liveOnly);
    }

    public boolean appliesTo(EngineKind engine) {
        return engines.contains(engine);
    }
}
