package io.dbaudit.collectors.config;

import io.dbaudit.model.facts.pg.PgHbaEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads pg_hba.conf as the server's hba.c does and returns what pg_hba_file_rules would show: one
 * {@link PgHbaEntry} per rule line, with a line the server would reject kept as an entry whose
 * {@code error} says why (the rest of the file is still read). Handles {@code #} comments, double-quoted
 * tokens (a quoted keyword such as {@code "all"} is a name, not the keyword, and is kept with its quotes),
 * comma lists, {@code @file} lists (relative to the including file), {@code +group}, backslash line
 * continuation and the include, include_if_exists and include_dir directives (PostgreSQL 16+). IP ranges
 * are reported as address plus netmask, as the view does; host names are kept as written.
 * A missing {@code include} file, an include cycle or nesting deeper than
 * {@value PostgresqlConfParser#MAX_DEPTH} is a {@link ConfigParseException}.
 */
public final class PgHbaParser {
    static final int MAX_TOKEN = 10240;

    private static final Set<String> TYPES = Set.of("local", "host", "hostssl", "hostnossl", "hostgssenc",
            "hostnogssenc");
    private static final Set<String> METHODS = Set.of("trust", "reject", "md5", "password", "scram-sha-256",
            "gss", "sspi", "ident", "peer", "pam", "ldap", "radius", "cert", "bsd");
    private static final Set<String> OPTIONS = Set.of("map", "clientcert", "clientname", "pamservice",
            "pam_use_hostname", "ldapurl", "ldaptls", "ldapscheme", "ldapserver", "ldapport", "ldapbinddn",
            "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter", "ldapbasedn", "ldapprefix", "ldapsuffix",
            "krb_realm", "include_realm", "compat_realm", "upn_username", "radiusserver", "radiusservers",
            "radiussecret", "radiussecrets", "radiusidentifier", "radiusidentifiers", "radiusport", "radiusports");
    private static final Set<String> DB_KEYWORDS = Set.of("all", "sameuser", "samerole", "samegroup",
            "replication");

    private record Token(String text, boolean quoted) {
    }

    private record Line(String text, int number) {
    }

    /** Tokenizing state of one logical line: its fields and the first error met. */
    private static final class Tokenized {
        final List<List<Token>> fields = new ArrayList<>();
        String error;
    }

    public List<PgHbaEntry> parse(Path file) throws ConfigParseException {
        Path abs = file.toAbsolutePath().normalize();
        List<PgHbaEntry> out = new ArrayList<>();
        Deque<Path> stack = new ArrayDeque<>();
        parseFile(abs, read(abs), 0, stack, out);
        return out;
    }

    /** Parses text as if it were the content of {@code file} (includes and @files resolve next to it). */
    public List<PgHbaEntry> parse(Path file, String content) throws ConfigParseException {
        List<PgHbaEntry> out = new ArrayList<>();
        parseFile(file.toAbsolutePath().normalize(), content, 0, new ArrayDeque<>(), out);
        return out;
    }

    private static String read(Path file) throws ConfigParseException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigParseException(file.toString(), 0, "could not open file: "
                    + PostgresqlConfParser.reason(e));
        }
    }

    private void parseFile(Path file, String content, int depth, Deque<Path> stack, List<PgHbaEntry> out)
            throws ConfigParseException {
        stack.push(file);
        try {
            String name = file.toString();
            for (Line line : logicalLines(content)) {
                Tokenized t = tokenize(file, line.text(), depth, new ArrayDeque<>(List.of(file)));
                if (t.fields.isEmpty() && t.error == null) {
                    continue;
                }
                if (t.error == null && isInclude(t.fields)) {
                    include(file, line.number(), t.fields, depth, stack, out);
                    continue;
                }
                out.add(t.error != null ? errorEntry(name, line.number(), t.fields, t.error)
                        : parseLine(name, line.number(), t.fields));
            }
        } finally {
            stack.pop();
        }
    }

    private static boolean isInclude(List<List<Token>> fields) {
        List<Token> first = fields.get(0);
        if (first.size() != 1 || first.get(0).quoted()) {
            return false;
        }
        String k = first.get(0).text();
        return k.equals("include") || k.equals("include_if_exists") || k.equals("include_dir");
    }

    private void include(Path from, int line, List<List<Token>> fields, int depth, Deque<Path> stack,
                         List<PgHbaEntry> out) throws ConfigParseException {
        String keyword = fields.get(0).get(0).text();
        if (fields.size() != 2 || fields.get(1).size() != 1) {
            out.add(errorEntry(from.toString(), line, fields,
                    "\"" + keyword + "\" needs exactly one file or directory name"));
            return;
        }
        Path target = PostgresqlConfParser.resolve(from, fields.get(1).get(0).text());
        List<Path> files;
        if (keyword.equals("include_dir")) {
            if (!Files.isDirectory(target)) {
                throw new ConfigParseException(from.toString(), line,
                        "could not open directory \"" + target + "\": no such directory");
            }
            files = PostgresqlConfParser.confFilesIn(target);
        } else {
            if (!Files.isRegularFile(target)) {
                if (keyword.equals("include_if_exists") && !Files.exists(target)) {
                    return;
                }
                throw new ConfigParseException(from.toString(), line,
                        "could not open file \"" + target + "\": " + (Files.exists(target) ? "not a file" : "no such file"));
            }
            files = List.of(target);
        }
        for (Path f : files) {
            if (depth + 1 > PostgresqlConfParser.MAX_DEPTH) {
                throw new ConfigParseException(from.toString(), line, "could not open file \"" + f
                        + "\": maximum nesting depth exceeded (" + PostgresqlConfParser.MAX_DEPTH + ")");
            }
            if (stack.contains(f)) {
                throw new ConfigParseException(from.toString(), line,
                        "include cycle: " + PostgresqlConfParser.chain(stack, f));
            }
            String content;
            try {
                content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigParseException(from.toString(), line,
                        "could not open file \"" + f + "\": " + PostgresqlConfParser.reason(e));
            }
            parseFile(f, content, depth + 1, stack, out);
        }
    }

    /** Physical lines joined on a trailing backslash; CR LF endings accepted. Numbered by their first line. */
    private static List<Line> logicalLines(String content) {
        String[] raw = content.split("\n", -1);
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < raw.length) {
            int first = i + 1;
            StringBuilder b = new StringBuilder();
            while (true) {
                String l = raw[i];
                if (l.endsWith("\r")) {
                    l = l.substring(0, l.length() - 1);
                }
                i++;
                if (l.endsWith("\\") && i < raw.length) {
                    b.append(l, 0, l.length() - 1);
                    continue;
                }
                b.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l);
                break;
            }
            out.add(new Line(b.toString(), first));
        }
        return out;
    }

    // ---- tokenizer: hba.c's next_token / next_field_expand ----

    private Tokenized tokenize(Path file, String line, int depth, Deque<Path> atStack) {
        Tokenized t = new Tokenized();
        int[] pos = {0};
        while (pos[0] < line.length() && t.error == null) {
            List<Token> field = new ArrayList<>();
            boolean more;
            do {
                boolean[] trailingComma = {false};
                Token tok = nextToken(line, pos, trailingComma, t);
                if (tok == null) {
                    break;
                }
                if (!tok.quoted() && tok.text().length() > 1 && tok.text().charAt(0) == '@') {
                    expandFile(file, tok.text().substring(1), depth, atStack, field, t);
                } else {
                    field.add(tok);
                }
                more = trailingComma[0];
            } while (more && t.error == null);
            if (!field.isEmpty()) {
                t.fields.add(field);
            }
        }
        return t;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static Token nextToken(String s, int[] pos, boolean[] trailingComma, Tokenized t) {
        int n = s.length();
        int i = pos[0];
        while (i < n && (blank(s.charAt(i)) || s.charAt(i) == ',')) {
            i++;
        }
        StringBuilder b = new StringBuilder();
        boolean inQuote = false;
        boolean wasQuote = false;
        boolean sawQuote = false;
        boolean initialQuote = false;
        while (i < n && (!blank(s.charAt(i)) || inQuote)) {
            char c = s.charAt(i++);
            if (c == '#' && !inQuote) {
                i = n;
                break;
            }
            if (b.length() >= MAX_TOKEN) {
                t.error = "authentication file token too long";
                pos[0] = n;
                return null;
            }
            if (c == ',' && !inQuote) {
                trailingComma[0] = true;
                break;
            }
            if (c != '"' || wasQuote) {
                b.append(c);
            }
            if (inQuote && c == '"') {
                wasQuote = !wasQuote;
            } else {
                wasQuote = false;
            }
            if (c == '"') {
                if (!sawQuote && b.length() == 0) {
                    initialQuote = true;
                }
                inQuote = !inQuote;
                sawQuote = true;
            }
        }
        pos[0] = i;
        if (sawQuote || b.length() > 0) {
            return new Token(b.toString(), initialQuote);
        }
        return null;
    }

    /** An @file list: every token of every line, nested @files expanded relative to that file. */
    private void expandFile(Path from, String name, int depth, Deque<Path> atStack, List<Token> field, Tokenized t) {
        Path f = PostgresqlConfParser.resolve(from, name);
        if (depth + atStack.size() > PostgresqlConfParser.MAX_DEPTH || atStack.contains(f)) {
            t.error = "could not open file \"" + f + "\": maximum nesting depth exceeded";
            return;
        }
        String content;
        try {
            content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            t.error = "could not open file \"" + f + "\": " + PostgresqlConfParser.reason(e);
            return;
        }
        atStack.push(f);
        try {
            for (Line l : logicalLines(content)) {
                Tokenized inner = tokenize(f, l.text(), depth, atStack);
                if (inner.error != null) {
                    t.error = inner.error;
                    return;
                }
                inner.fields.forEach(field::addAll);
            }
        } finally {
            atStack.pop();
        }
    }

    // ---- parse_hba_line ----

    private static PgHbaEntry errorEntry(String file, int line, List<List<Token>> fields, String error) {
        String type = fields.isEmpty() || fields.get(0).isEmpty() ? "" : fields.get(0).get(0).text();
        return new PgHbaEntry(file, line, type, List.of(), List.of(), null, null, null, List.of(), error);
    }

    private static PgHbaEntry parseLine(String file, int line, List<List<Token>> fields) {
        int f = 0;
        List<Token> typeField = fields.get(f++);
        if (typeField.size() > 1) {
            return errorEntry(file, line, fields, "multiple values specified for connection type");
        }
        String type = typeField.get(0).text();
        if (!TYPES.contains(type)) {
            return errorEntry(file, line, fields, "invalid connection type \"" + type + "\"");
        }
        if (f >= fields.size()) {
            return errorEntry(file, line, fields, "end-of-line before database specification");
        }
        List<String> databases = names(fields.get(f++), DB_KEYWORDS);
        if (f >= fields.size()) {
            return errorEntry(file, line, fields, "end-of-line before role specification");
        }
        List<String> users = names(fields.get(f++), Set.of("all"));
        String address = null;
        String netmask = null;
        if (!type.equals("local")) {
            if (f >= fields.size()) {
                return errorEntry(file, line, fields, "end-of-line before IP address specification");
            }
            List<Token> addrField = fields.get(f++);
            if (addrField.size() > 1) {
                return errorEntry(file, line, fields, "multiple values specified for host address");
            }
            Token a = addrField.get(0);
            if (!a.quoted() && (a.text().equals("all") || a.text().equals("samehost") || a.text().equals("samenet"))) {
                address = a.text();
            } else {
                String text = a.text();
                int slash = text.indexOf('/');
                String host = slash >= 0 ? text.substring(0, slash) : text;
                byte[] ip = IpLiteral.parse(host);
                if (ip == null && host.indexOf(':') >= 0) {
                    return errorEntry(file, line, fields, "invalid IP address \"" + host + "\"");
                }
                if (ip == null && host.isEmpty()) {
                    return errorEntry(file, line, fields, "invalid IP address \"" + host + "\"");
                }
                if (slash >= 0) {
                    if (ip == null) {
                        return errorEntry(file, line, fields,
                                "specifying both host name and CIDR mask is invalid: \"" + text + "\"");
                    }
                    String bits = text.substring(slash + 1);
                    int max = ip.length * 8;
                    if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > max) {
                        return errorEntry(file, line, fields, "invalid CIDR mask in address \"" + text + "\"");
                    }
                    address = IpLiteral.format(ip);
                    netmask = IpLiteral.format(IpLiteral.mask(Integer.parseInt(bits), ip.length));
                } else if (ip != null) {
                    if (f >= fields.size()) {
                        return errorEntry(file, line, fields, "end-of-line before netmask specification");
                    }
                    List<Token> maskField = fields.get(f++);
                    if (maskField.size() > 1) {
                        return errorEntry(file, line, fields, "multiple values specified for netmask");
                    }
                    byte[] mask = IpLiteral.parse(maskField.get(0).text());
                    if (mask == null) {
                        return errorEntry(file, line, fields,
                                "invalid IP mask \"" + maskField.get(0).text() + "\"");
                    }
                    if (mask.length != ip.length) {
                        return errorEntry(file, line, fields, "IP address and mask do not match");
                    }
                    address = IpLiteral.format(ip);
                    netmask = IpLiteral.format(mask);
                } else {
                    address = host; // a host name (or .domain suffix), matched by reverse lookup at connect time
                }
            }
        }
        if (f >= fields.size()) {
            return errorEntry(file, line, fields, "end-of-line before authentication method");
        }
        List<Token> methodField = fields.get(f++);
        if (methodField.size() > 1) {
            return errorEntry(file, line, fields, "multiple values specified for authentication type");
        }
        String method = methodField.get(0).text();
        if (!METHODS.contains(method)) {
            return errorEntry(file, line, fields, "invalid authentication method \"" + method + "\"");
        }
        if (type.equals("local") && method.equals("ident")) {
            method = "peer"; // as the server does for local lines
        }
        if (type.equals("local") && method.equals("gss")) {
            return errorEntry(file, line, fields, "gssapi authentication is not supported on local sockets");
        }
        if (!type.equals("local") && method.equals("peer")) {
            return errorEntry(file, line, fields, "peer authentication is only supported on local sockets");
        }
        if (!type.equals("hostssl") && method.equals("cert")) {
            return errorEntry(file, line, fields, "cert authentication is only supported on hostssl connections");
        }
        List<String> options = new ArrayList<>();
        for (; f < fields.size(); f++) {
            for (Token o : fields.get(f)) {
                int eq = o.text().indexOf('=');
                if (eq <= 0) {
                    return errorEntry(file, line, fields,
                            "authentication option not in name=value format: " + o.text());
                }
                String name = o.text().substring(0, eq);
                if (!OPTIONS.contains(name)) {
                    return errorEntry(file, line, fields, "unrecognized authentication option name: \"" + name + "\"");
                }
                options.add(o.text());
            }
        }
        return new PgHbaEntry(file, line, type, databases, users, address, netmask, method, options, null);
    }

    /** Names as the rules compare them: a quoted keyword, +group or @file keeps its quotes to stay a plain name. */
    private static List<String> names(List<Token> tokens, Set<String> keywords) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            String s = t.text();
            boolean special = keywords.contains(s) || s.startsWith("+") || s.startsWith("@") || s.startsWith("/");
            out.add(t.quoted() && special ? "\"" + s + "\"" : s);
        }
        return out;
    }
}
