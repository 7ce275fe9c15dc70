package io.dbaudit.collectors.redis;

import io.dbaudit.model.facts.redis.RedisAclUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses one ACL LIST line ({@code user <name> on|off [nopass] [#<sha256>...] ~<pattern> ... +@all ...}) into
 * a {@link RedisAclUser}. Password hashes are counted, never kept. Selectors in parentheses (Redis 7) are
 * kept in the rules text but do not widen the root permissions evaluated here.
 */
final class AclRules {
    /** The commands we report on, with the ACL categories Redis 7 puts them in. */
    static final Map<String, Set<String>> DANGEROUS = new LinkedHashMap<>();

    static {
        DANGEROUS.put("flushall", Set.of("all", "keyspace", "write", "slow", "dangerous"));
        DANGEROUS.put("flushdb", Set.of("all", "keyspace", "write", "slow", "dangerous"));
        DANGEROUS.put("config", Set.of("all", "admin", "slow", "dangerous"));
        DANGEROUS.put("debug", Set.of("all", "admin", "slow", "dangerous"));
        DANGEROUS.put("keys", Set.of("all", "keyspace", "read", "slow", "dangerous"));
        DANGEROUS.put("shutdown", Set.of("all", "admin", "slow", "dangerous"));
        DANGEROUS.put("module", Set.of("all", "admin", "slow", "dangerous"));
    }

    private AclRules() {
    }

    static RedisAclUser parse(String line) {
        List<String> tokens = tokens(line);
        if (tokens.size() < 2 || !tokens.get(0).equals("user")) {
            throw new IllegalArgumentException("not an ACL LIST line: " + redact(line));
        }
        String name = tokens.get(1);
        boolean enabled = false;
        boolean nopass = false;
        int passwords = 0;
        List<String> keyPatterns = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String t : tokens.subList(2, tokens.size())) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (t.startsWith("(")) {
                shown.add(t);
                continue;
            }
            if (t.startsWith("#") || t.startsWith(">")) {
                passwords++;
                shown.add("#<hash>");
                continue;
            }
            shown.add(t);
            switch (lower) {
                case "on" -> enabled = true;
                case "off" -> enabled = false;
                case "nopass" -> nopass = true;
                case "resetpass" -> {
                    nopass = false;
                    passwords = 0;
                }
                case "allkeys" -> keyPatterns.add("~*");
                case "resetkeys" -> keyPatterns.clear();
                case "allcommands", "nocommands" -> commands.add(lower);
                default -> {
                    if (t.startsWith("~") || t.startsWith("%")) {
                        keyPatterns.add(t);
                    } else if (t.startsWith("+") || t.startsWith("-")) {
                        commands.add(lower);
                    }
                }
            }
        }
        boolean all = !commands.isEmpty() && (commands.get(0).equals("+@all") || commands.get(0).equals("allcommands"))
                && commands.stream().skip(1).noneMatch(c -> c.startsWith("-") || c.equals("nocommands"));
        return new RedisAclUser(name, enabled, nopass, passwords, String.join(" ", shown), String.join(" ", commands),
                keyPatterns, all, dangerousAllowed(commands));
    }

    /** Applies the command rules in order to each dangerous command. */
    static List<String> dangerousAllowed(List<String> commands) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> d : DANGEROUS.entrySet()) {
            boolean allowed = false;
            for (String rule : commands) {
                if (rule.equals("allcommands")) {
                    allowed = true;
                } else if (rule.equals("nocommands")) {
                    allowed = false;
                } else if (rule.length() > 1) {
                    boolean plus = rule.charAt(0) == '+';
                    String what = rule.substring(1);
                    if (what.startsWith("@")) {
                        if (d.getValue().contains(what.substring(1))) {
                            allowed = plus;
                        }
                    } else if (what.equals(d.getKey())) {
                        allowed = plus;
                    }
                }
            }
            if (allowed) {
                out.add(d.getKey().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Splits on spaces, keeping a parenthesised selector as one token. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : line.trim().toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (c == ' ' && depth == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String redact(String line) {
        return line.replaceAll("[#>]\\S+", "#<hash>");
    }
}
