package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * One user from ACL LIST. {@code rules} is the line after {@code user <name>} with password hashes
 * replaced by their count ({@code passwords}); {@code commandRules} only its command part (+@all, -flushall,
 * ...); {@code keyPatterns} the ~ and %R~/%W~ patterns. {@code allCommands} is true when the command rules
 * start from +@all (or allcommands) and take nothing away; {@code dangerousCommandsAllowed} lists which of
 * FLUSHALL, FLUSHDB, CONFIG, DEBUG, KEYS, SHUTDOWN, MODULE the command rules leave callable, evaluated in
 * order with Redis's categories for those commands (subcommand rules such as +config|get do not count).
 */
public record RedisAclUser(String name, boolean enabled, boolean nopass, int passwords, String rules,
                           String commandRules, List<String> keyPatterns, boolean allCommands,
                           List<String> dangerousCommandsAllowed) implements Fact {
    public RedisAclUser {
        rules = rules == null ? "" : rules;
        commandRules = commandRules == null ? "" : commandRules;
        keyPatterns = keyPatterns == null ? List.of() : List.copyOf(keyPatterns);
        dangerousCommandsAllowed = dangerousCommandsAllowed == null ? List.of() : List.copyOf(dangerousCommandsAllowed);
    }

    public boolean defaultUser() {
        return "default".equals(name);
    }

    /** Can log in without a password: nopass, or enabled with no password at all. */
    public boolean passwordless() {
        return nopass;
    }

    public boolean allowsDangerous() {
        return !dangerousCommandsAllowed.isEmpty();
    }

    public String dangerousList() {
        return String.join(", ", dangerousCommandsAllowed);
    }
}
