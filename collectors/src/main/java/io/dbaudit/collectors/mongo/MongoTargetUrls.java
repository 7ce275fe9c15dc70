package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.UrlAuthority;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code mongodb://[user@]host[:port][/authDb][?options]} or {@code mongodb+srv://[user@]host[/authDb][?options]}
 * into a {@link Target} with id {@code host:port}. A password (in the user info or as an option) is refused
 * before anything else is parsed, so no error message can echo it. One host per target: a seed list is
 * refused, each member is scanned as its own target (per-member facts such as $indexStats and
 * getCmdLineOpts differ between members).
 */
public final class MongoTargetUrls {
    static final int DEFAULT_PORT = 27017;
    private static final String PASSWORD_ADVICE =
            "a password in the target URL is not accepted; use --password-env or --password-file";

    private MongoTargetUrls() {
    }

    public static Target parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty target URL");
        }
        String text = url.trim();
        boolean srv;
        String rest;
        if (text.regionMatches(true, 0, "mongodb+srv://", 0, 14)) {
            srv = true;
            rest = text.substring(14);
        } else if (text.regionMatches(true, 0, "mongodb://", 0, 10)) {
            srv = false;
            rest = text.substring(10);
        } else {
            throw new IllegalArgumentException("target URL must start with mongodb:// or mongodb+srv://");
        }
        int pathStart = indexOfAny(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String afterAuthority = pathStart < 0 ? "" : rest.substring(pathStart);

        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            user = userInfo.isEmpty() ? null : decode(userInfo);
            authority = authority.substring(at + 1);
        }
        String query = "";
        String path = afterAuthority;
        int q = afterAuthority.indexOf('?');
        if (q >= 0) {
            query = afterAuthority.substring(q + 1);
            path = afterAuthority.substring(0, q);
        }
        Map<String, String> options = parseQuery(query);
        if (authority.contains(",")) {
            throw new IllegalArgumentException(
                    "target URL with several hosts is not supported; scan each replica set member as its own target");
        }
        UrlAuthority.Parts parts = UrlAuthority.split(authority);
        String host = decode(parts.host());
        if (host.isEmpty()) {
            throw new IllegalArgumentException("target URL names no host");
        }
        if (srv && parts.portText() != null && !parts.portText().isEmpty()) {
            throw new IllegalArgumentException("a mongodb+srv:// URL must not carry a port");
        }
        int port = UrlAuthority.port(parts.portText(), DEFAULT_PORT);
        String authDb = path.startsWith("/") ? decode(path.substring(1)) : "";
        if (authDb.isEmpty()) {
            authDb = options.getOrDefault("authSource", "admin");
        }

        Map<String, String> parameters = new LinkedHashMap<>(options);
        if (user != null) {
            parameters.put("user", user);
        }
        parameters.put("host", host);
        parameters.put("port", Integer.toString(port));
        parameters.put("authSource", authDb);
        parameters.put("srv", Boolean.toString(srv));
        String display = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return new Target(display, EngineKind.MONGODB, text, parameters);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("password") || lower.equals("pass") || lower.equals("tlscertificatekeyfilepassword")) {
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
