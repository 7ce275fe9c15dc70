package io.dbaudit.collectors.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one redis.conf line into arguments exactly as Redis's {@code sdssplitargs} does: whitespace
 * separates; "double quotes" take the escapes \n \r \t \b \a \xHH and \c for any other c; 'single quotes'
 * take only \'; a closing quote must be followed by whitespace or the end of the line. A quote may open in
 * the middle of an argument (a"b c" is one argument, {@code ab c}).
 */
final class RedisConfArgs {
    private RedisConfArgs() {
    }

    /** The arguments, or null when the quotes are unbalanced (Redis: "Unbalanced quotes in configuration line"). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int p = 0;
        int n = line.length();
        while (true) {
            while (p < n && isSpace(line.charAt(p))) {
                p++;
            }
            if (p >= n) {
                return out;
            }
            boolean inq = false;
            boolean insq = false;
            boolean done = false;
            StringBuilder cur = new StringBuilder();
            while (!done) {
                char c = p < n ? line.charAt(p) : '\0';
                boolean end = p >= n;
                if (inq) {
                    if (end) {
                        return null;
                    }
                    if (c == '\\' && p + 3 < n && line.charAt(p + 1) == 'x' && hex(line.charAt(p + 2))
                            && hex(line.charAt(p + 3))) {
                        cur.append((char) Integer.parseInt(line.substring(p + 2, p + 4), 16));
                        p += 3;
                    } else if (c == '\\' && p + 1 < n) {
                        p++;
                        char e = line.charAt(p);
                        switch (e) {
                            case 'n' -> cur.append('\n');
                            case 'r' -> cur.append('\r');
                            case 't' -> cur.append('\t');
                            case 'b' -> cur.append('\b');
                            case 'a' -> cur.append('\u0007');
                            default -> cur.append(e);
                        }
                    } else if (c == '"') {
                        if (p + 1 < n && !isSpace(line.charAt(p + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (insq) {
                    if (end) {
                        return null;
                    }
                    if (c == '\\' && p + 1 < n && line.charAt(p + 1) == '\'') {
                        p++;
                        cur.append('\'');
                    } else if (c == '\'') {
                        if (p + 1 < n && !isSpace(line.charAt(p + 1))) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else {
                    if (end) {
                        done = true;
                    } else {
                        switch (c) {
                            case ' ', '\n', '\r', '\t', '\0' -> done = true;
                            case '"' -> inq = true;
                            case '\'' -> insq = true;
                            default -> cur.append(c);
                        }
                    }
                }
                if (p < n) {
                    p++;
                }
            }
            out.add(cur.toString());
        }
    }

    /** C isspace(): space, \t, \n, \v, \f, \r. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
