package io.dbaudit.engine.waiver;

import java.util.regex.Pattern;

/** Shell-style globs ({@code *} any run, {@code ?} one character); everything else is literal. */
final class Globs {
    private Globs() {
    }

    static boolean matches(String glob, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
