package io.dbaudit.engine.template;

/** Quoting for redis-cli arguments and mongosh (JavaScript) strings: collected values stay one token. */
public final class OtherQuoting {
    private OtherQuoting() {
    }

    /** A double-quoted redis-cli argument: backslash and quote escaped, control characters as \xHH. */
    public static String redisArgument(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * A JSON string literal, also valid JavaScript: quotes, backslashes, control characters and the line
     * separators U+2028/U+2029 escaped, and {@code <} escaped so the text is safe inside HTML too.
     */
    public static String jsonString(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == '<' || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
