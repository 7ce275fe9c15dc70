package io.dbaudit.cli;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.model.Target;

import java.util.Arrays;
import java.util.List;

/** A target to scan and where its password comes from. Tags travel in the target's "tags" parameter. */
record TargetSpec(Target target, PasswordSource password) {
    List<String> tags() {
        String t = target.parameters().get("tags");
        return t == null || t.isBlank() ? List.of() : Arrays.stream(t.split(",")).map(String::strip).toList();
    }
}
