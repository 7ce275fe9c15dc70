package io.dbaudit.collectors.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads postgresql.conf the way the server's lexer (guc-file.l) does: one {@code name [=] value} per
 * line, {@code #} comments, single-quoted strings with {@code ''} and backslash escapes, unquoted
 * identifiers, numbers with unit letters, and the {@code include}, {@code include_if_exists} and
 * {@code include_dir} directives expanded in place (relative to the including file, at most
 * {@value #MAX_DEPTH} levels deep, cycles reported with their chain). Returns every assignment in file
 * order; later ones win, which is for the caller to apply.
 */
public final class PostgresqlConfParser {
    /** PostgreSQL's CONF_FILE_MAX_DEPTH. */
    public static final int MAX_DEPTH = 10;

    private enum Tok { ID, QUALIFIED_ID, STRING, UNQUOTED_STRING, INTEGER, REAL, EQUALS, ERROR }

    private record Token(Tok type, String text) {
    }

    /** Parses {@code file} and everything it includes. */
    public List<ConfigEntry> parse(Path file) throws ConfigParseException {
        List<ConfigEntry> out = new ArrayList<>();
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new ConfigParseException(abs.toString(), 0, "could not open configuration file: no such file");
        }
        parseFile(abs, 0, new ArrayDeque<>(), out);
        return out;
    }

    /** Parses text as if it were the content of {@code file} (includes resolve against its directory). */
    public List<ConfigEntry> parse(Path file, String content) throws ConfigParseException {
        List<ConfigEntry> out = new ArrayList<>();
        Path abs = file.toAbsolutePath().normalize();
        Deque<Path> stack = new ArrayDeque<>();
        stack.push(abs);
        parseContent(abs, content, 0, stack, out);
        return out;
    }

    private void parseFile(Path file, int depth, Deque<Path> stack, List<ConfigEntry> out)
            throws ConfigParseException {
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigParseException(file.toString(), 0, "could not read configuration file: " + reason(e));
        }
        stack.push(file);
        try {
            parseContent(file, content, depth, stack, out);
        } finally {
            stack.pop();
        }
    }

    private void parseContent(Path file, String content, int depth, Deque<Path> stack, List<ConfigEntry> out)
            throws ConfigParseException {
        String name = file.toString();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            List<Token> tokens = lex(lines[i]);
            if (tokens.isEmpty()) {
                continue;
            }
            Token first = tokens.get(0);
            if (first.type() != Tok.ID && first.type() != Tok.QUALIFIED_ID) {
                throw syntax(name, lineNo, first);
            }
            int k = 1;
            if (k < tokens.size() && tokens.get(k).type() == Tok.EQUALS) {
                k++;
            }
            if (k >= tokens.size()) {
                throw syntax(name, lineNo, null);
            }
            Token valueTok = tokens.get(k);
            switch (valueTok.type()) {
                case ID, STRING, INTEGER, REAL, UNQUOTED_STRING -> {
                }
                default -> throw syntax(name, lineNo, valueTok);
            }
            if (k + 1 < tokens.size()) {
                throw syntax(name, lineNo, tokens.get(k + 1));
            }
            String key = first.text().toLowerCase(Locale.ROOT);
            String value = valueTok.type() == Tok.STRING ? deescape(valueTok.text()) : valueTok.text();
            switch (key) {
                case "include" -> include(file, lineNo, value, true, depth, stack, out);
                case "include_if_exists" -> include(file, lineNo, value, false, depth, stack, out);
                case "include_dir" -> includeDir(file, lineNo, value, depth, stack, out);
                default -> out.add(new ConfigEntry(key, value, name, lineNo));
            }
        }
    }

    private void include(Path from, int line, String target, boolean strict, int depth, Deque<Path> stack,
                         List<ConfigEntry> out) throws ConfigParseException {
        if (target.isEmpty()) {
            throw new ConfigParseException(from.toString(), line, "empty configuration file name");
        }
        Path inc = resolve(from, target);
        if (depth + 1 > MAX_DEPTH) {
            throw new ConfigParseException(from.toString(), line, "could not open configuration file \"" + inc
                    + "\": maximum nesting depth exceeded (" + MAX_DEPTH + ")");
        }
        if (stack.contains(inc)) {
            throw new ConfigParseException(from.toString(), line, "include cycle: " + chain(stack, inc));
        }
        if (!Files.exists(inc)) {
            if (strict) {
                throw new ConfigParseException(from.toString(), line,
                        "could not open configuration file \"" + inc + "\": no such file");
            }
            return;
        }
        if (Files.isDirectory(inc)) {
            throw new ConfigParseException(from.toString(), line,
                    "could not open configuration file \"" + inc + "\": is a directory");
        }
        try {
            parseFile(inc, depth + 1, stack, out);
        } catch (ConfigParseException e) {
            if (e.line() == 0 && e.file().equals(inc.toString())) {
                throw new ConfigParseException(from.toString(), line, e.getMessage());
            }
            throw e;
        }
    }

    private void includeDir(Path from, int line, String target, int depth, Deque<Path> stack,
                            List<ConfigEntry> out) throws ConfigParseException {
        if (target.isEmpty()) {
            throw new ConfigParseException(from.toString(), line, "empty configuration directory name");
        }
        Path dir = resolve(from, target);
        if (!Files.isDirectory(dir)) {
            throw new ConfigParseException(from.toString(), line,
                    "could not open configuration directory \"" + dir + "\": no such directory");
        }
        for (Path f : confFilesIn(dir)) {
            include(from, line, f.toString(), true, depth, stack, out);
        }
    }

    /** Regular files in {@code dir} ending in .conf and not starting with a dot, in C-locale name order. */
    static List<Path> confFilesIn(Path dir) throws ConfigParseException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".conf") && !n.startsWith(".") && Files.isRegularFile(p);
                    })
                    .sorted((a, b) -> compareC(a.getFileName().toString(), b.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().normalize())
                    .toList();
        } catch (IOException e) {
            throw new ConfigParseException(dir.toString(), 0, "could not read configuration directory: " + reason(e));
        }
    }

    /** strcmp on the UTF-8 bytes, as PostgreSQL sorts include_dir entries. */
    static int compareC(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    static Path resolve(Path from, String target) {
        Path t = Path.of(target);
        Path base = from.getParent() == null ? Path.of("") : from.getParent();
        return (t.isAbsolute() ? t : base.resolve(t)).toAbsolutePath().normalize();
    }

    static String chain(Deque<Path> stack, Path again) {
        List<String> names = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(p -> names.add(p.toString()));
        names.add(again.toString());
        return names.stream().collect(Collectors.joining(" -> "));
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static ConfigParseException syntax(String file, int line, Token near) {
        if (near == null) {
            return new ConfigParseException(file, line, "syntax error near end of line");
        }
        return new ConfigParseException(file, line, "syntax error near token \"" + printable(near.text()) + "\"");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    // ---- lexer: the rules of guc-file.l, longest match first, ties to the earlier rule ----

    static boolean letter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    static boolean letterOrDigit(char c) {
        return letter(c) || digit(c);
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hex(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean unitLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static List<Token> lex(String line) {
        List<Token> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            int id = matchId(line, i);
            int qual = id > 0 && i + id < n && line.charAt(i + id) == '.' ? matchIdAfter(line, i + id + 1) : 0;
            int qualified = qual > 0 ? id + 1 + qual : 0;
            int string = matchString(line, i);
            int unquoted = matchUnquoted(line, i);
            int integer = matchInteger(line, i);
            int real = matchReal(line, i);
            int equals = c == '=' ? 1 : 0;
            int[] lens = {id, qualified, string, unquoted, integer, real, equals};
            Tok[] types = {Tok.ID, Tok.QUALIFIED_ID, Tok.STRING, Tok.UNQUOTED_STRING, Tok.INTEGER, Tok.REAL,
                    Tok.EQUALS};
            int best = -1;
            for (int k = 0; k < lens.length; k++) {
                if (lens[k] > 0 && (best < 0 || lens[k] > lens[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                out.add(new Token(Tok.ERROR, String.valueOf(c)));
                i++;
            } else {
                out.add(new Token(types[best], line.substring(i, i + lens[best])));
                i += lens[best];
            }
        }
        return out;
    }

    private static int matchId(String s, int i) {
        if (i >= s.length() || !letter(s.charAt(i))) {
            return 0;
        }
        int j = i + 1;
        while (j < s.length() && letterOrDigit(s.charAt(j))) {
            j++;
        }
        return j - i;
    }

    private static int matchIdAfter(String s, int i) {
        return matchId(s, i);
    }

    private static int matchUnquoted(String s, int i) {
        if (i >= s.length() || !letter(s.charAt(i))) {
            return 0;
        }
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (letterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '/') {
                j++;
            } else {
                break;
            }
        }
        return j - i;
    }

    private static int matchString(String s, int i) {
        if (s.charAt(i) != '\'') {
            return 0;
        }
        int last = 0;
        int j = i + 1;
        int n = s.length();
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\'') {
                last = j + 1 - i;
                if (j + 1 < n && s.charAt(j + 1) == '\'') {
                    j += 2;
                    continue;
                }
                break;
            }
            if (c == '\\') {
                if (j + 1 < n) {
                    j += 2;
                    continue;
                }
                break;
            }
            j++;
        }
        return last;
    }

    private static int sign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+') ? 1 : 0;
    }

    private static int matchInteger(String s, int i) {
        int n = s.length();
        int start = i + sign(s, i);
        int best = 0;
        // {DIGIT}+{UNIT_LETTER}*
        int j = start;
        while (j < n && digit(s.charAt(j))) {
            j++;
        }
        if (j > start) {
            while (j < n && unitLetter(s.charAt(j))) {
                j++;
            }
            best = j - i;
        }
        // 0x{HEXDIGIT}+{UNIT_LETTER}*
        if (start + 2 < n && s.charAt(start) == '0' && s.charAt(start + 1) == 'x' && hex(s.charAt(start + 2))) {
            j = start + 2;
            while (j < n && hex(s.charAt(j))) {
                j++;
            }
            while (j < n && unitLetter(s.charAt(j))) {
                j++;
            }
            best = Math.max(best, j - i);
        }
        return best;
    }

    private static int matchReal(String s, int i) {
        int n = s.length();
        int j = i + sign(s, i);
        while (j < n && digit(s.charAt(j))) {
            j++;
        }
        if (j >= n || s.charAt(j) != '.') {
            return 0;
        }
        j++;
        while (j < n && digit(s.charAt(j))) {
            j++;
        }
        // optional exponent, only if complete
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            k += sign(s, k);
            int d = k;
            while (k < n && digit(s.charAt(k))) {
                k++;
            }
            if (k > d) {
                j = k;
            }
        }
        return j - i;
    }

    /** DeescapeQuotedString: strip the quotes, resolve \b \f \n \r \t, octal \ooo, '' and \x for any other x. */
    static String deescape(String quoted) {
        String s = quoted.substring(1, quoted.length() - 1);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            int k = 1;
                            while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                                v = v * 8 + (s.charAt(++i) - '0');
                                k++;
                            }
                            b.append((char) (v & 0xff));
                        } else {
                            b.append(e);
                        }
                    }
                }
            } else if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                b.append('\'');
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
