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
 */
public record RuleMeta(String id, String title, Severity severity, Area area, List<EngineKind> engines,
                       List<String> requires, List<String> skipUnless, String description, String rationale,
                       Map<String, Object> parameters, String message, Remediation remediation,
                       List<Reference> references, List<String> aliases, Map<String, List<String>> frameworks,
                       String source) {
    public RuleMeta {
        engines = engines == null ? List.of() : List.copyOf(engines);
        requires = requires == null ? List.of() : List.copyOf(requires);
        skipUnless = skipUnless == null ? List.of() : List.copyOf(skipUnless);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        references = references == null ? List.of() : List.copyOf(references);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        frameworks = frameworks == null ? Map.of() : Map.copyOf(frameworks);
    }

    public boolean appliesTo(EngineKind engine) {
        return engines.contains(engine);
    }
}
