package io.dbaudit.collectors.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the rules of one redis.conf / aclfile {@code user} line in order, as ACL SETUSER does, and writes the
 * result the way ACL LIST would show it ({@code user <name> on|off [nopass] #<hash>... <keys/channels/commands>}),
 * so {@link AclRules#parse} reads it exactly as it reads a live server's ACL LIST. Passwords are hashed in memory
 * only to match {@code <password} removals; the line handed on carries "#&lt;hash&gt;" placeholders, never a hash,
 * and no refusal message quotes a rule (a rule may be a password missing its '&gt;').
 */
final class RedisConfUsers {
    private static final Set<String> KEYWORDS = Set.of("allkeys", "resetkeys", "allchannels", "resetchannels",
            "allcommands", "nocommands", "sanitize-payload", "skip-sanitize-payload", "clearselectors");

    /** A user line Redis would refuse; the message names the user and the rule's position, never its text. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private RedisConfUsers() {
    }

    /** The default user as Redis 7 creates it: nopass without requirepass, else the requirepass password. */
    static String implicitDefault(boolean requirepass) {
        return requirepass ? "user default on #<hash> ~* &* +@all" : "user default on nopass ~* &* +@all";
    }

    /** @param args the arguments after {@code user}: the name, then its rules */
    static String aclListLine(List<String> args) throws Refused {
        if (args.isEmpty()) {
            throw new Refused("user: missing user name");
        }
        String name = args.get(0);
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
            throw new Refused("user: invalid user name (empty or containing spaces)");
        }
        boolean on = false;
        boolean nopass = false;
        Set<String> hashes = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String r = args.get(i);
            String where = "user " + name + ": rule " + i;
            if (r.startsWith(">")) {
                hashes.add(sha256(r.substring(1)));
                nopass = false;
            } else if (r.startsWith("<")) {
                if (!hashes.remove(sha256(r.substring(1)))) {
                    throw new Refused(where + " removes a password the user does not have");
                }
            } else if (r.startsWith("#") || r.startsWith("!")) {
                String hash = r.substring(1);
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new Refused(where + ": a password hash must be exactly 64 lowercase hexadecimal characters");
                }
                if (r.startsWith("#")) {
                    hashes.add(hash);
                    nopass = false;
                } else if (!hashes.remove(hash)) {
                    throw new Refused(where + " removes a password hash the user does not have");
                }
            } else {
                String l = r.toLowerCase(Locale.ROOT);
                switch (l) {
                    case "on" -> on = true;
                    case "off" -> on = false;
                    case "nopass" -> {
                        nopass = true;
                        hashes.clear();
                    }
                    case "resetpass" -> {
                        nopass = false;
                        hashes.clear();
                    }
                    case "reset" -> {
                        on = false;
                        nopass = false;
                        hashes.clear();
                        rest.clear();
                        rest.add("resetchannels");
                        rest.add("-@all");
                    }
                    default -> {
                        if (KEYWORDS.contains(l) || r.startsWith("~") || r.startsWith("%") || r.startsWith("&")
                                || r.startsWith("+") || r.startsWith("-") || r.startsWith("(")) {
                            rest.add(r);
                        } else {
                            throw new Refused(where + " is not an ACL rule (a password must start with '>')");
                        }
                    }
                }
            }
        }
        StringBuilder line = new StringBuilder("user ").append(name).append(on ? " on" : " off");
        if (nopass) {
            line.append(" nopass");
        }
        for (int i = 0; i < hashes.size(); i++) {
            line.append(" #<hash>");
        }
        for (String r : rest) {
            line.append(' ').append(r);
        }
        return line.toString();
    }

    private static String sha256(String password) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
