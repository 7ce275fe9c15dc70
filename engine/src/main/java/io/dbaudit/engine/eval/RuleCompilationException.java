package io.dbaudit.engine.eval;

import java.util.List;

/** A user's DRL did not compile; each message names the file and line. */
public class RuleCompilationException extends RuntimeException {
    private final List<String> messages;

    public RuleCompilationException(List<String> messages) {
        super("rule pack does not compile:\n  " + String.join("\n  ", messages));
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
