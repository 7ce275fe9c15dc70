package io.dbaudit.collectors;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a libpq-style URL ({@code postgresql://[user@]host[:port][/db][?param=value&...]}) into a
 * {@link Target}. Passwords are refused outright: a password on a command line ends up in shell history
 * and process listings, so it must come from --password-env or --password-file instead.
 */
public final class TargetUrls {
    private static final int DEFAULT_PORT = 5432;
    private static final String PASSWORD_ADVICE =
            "a password in the target URL is not accepted; use --password-env or --password-file";

    private TargetUrls() {
    }

    public static Target parse(String url) {
        return parse(url, System.getenv());
    }

    /** {@code env} supplies PGUSER, the default user when the URL names none. */
    public static Target parse(String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty target URL");
        }
        String text = url.trim();
        String rest = stripScheme(text);
        int pathStart = indexOfAny(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String afterAuthority = pathStart < 0 ? "" : rest.substring(pathStart);

        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            // Checked before anything else is parsed, so no later error message can echo the password.
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
        Map<String, String> queryParams = parseQuery(query);

        HostPort hostPort = parseHostPort(authority);
        String database = path.startsWith("/") ? decode(path.substring(1)) : "";
        if (database.isEmpty()) {
            database = "postgres";
        }
        if (user == null) {
            user = queryParams.get("user");
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", "postgres");
        }

        Map<String, String> parameters = new LinkedHashMap<>(queryParams);
        parameters.put("user", user);
        parameters.put("host", hostPort.host());
        parameters.put("port", Integer.toString(hostPort.port()));
        parameters.put("database", database);
        parameters.putIfAbsent("sslmode", "prefer");

        String id = hostPort.display() + "/" + database;
        return new Target(id, EngineKind.POSTGRESQL, text, parameters);
    }

    private static String stripScheme(String text) {
        for (String scheme : new String[] {"postgresql://", "postgres://"}) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return text.substring(scheme.length());
            }
        }
        throw new IllegalArgumentException("target URL must start with postgresql:// or postgres://");
    }

    private record HostPort(String host, int port) {
        String display() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static HostPort parseHostPort(String authority) {
        if (authority.contains(",")) {
            throw new IllegalArgumentException("target URL with several hosts is not supported; scan each host");
        }
        UrlAuthority.Parts parts = UrlAuthority.split(authority);
        String host = decode(parts.host());
        if (host.isEmpty()) {
            host = "localhost";
        }
        int port = UrlAuthority.port(parts.portText(), DEFAULT_PORT);
        return new HostPort(host, port);
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
            if (key.equals("password")) {
                // Before decoding the value: a decoding error would quote it.
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
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

    /** Percent-decoding only: a '+' stays a '+', as in libpq URIs. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
