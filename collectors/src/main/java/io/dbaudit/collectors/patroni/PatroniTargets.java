package io.dbaudit.collectors.patroni;

import io.dbaudit.collectors.UrlAuthority;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code patroni://[user@]host[:port][?name=value&...]} (plain HTTP) and {@code patroni+https://...}. Port 8008
 * by default. The user is for basic auth on the REST API; its password comes from --password-env or
 * --password-file, never the URL. {@code members=postgresql://...;postgresql://...} is kept as a parameter.
 */
public final class PatroniTargets {
    public static final int DEFAULT_PORT = 8008;
    private static final String PASSWORD_ADVICE =
            "a password in the target URL is not accepted; use --password-env or --password-file";

    private PatroniTargets() {
    }

    public static Target parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty target URL");
        }
        String text = url.trim();
        String scheme;
        String rest;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("patroni+https://")) {
            scheme = "https";
            rest = text.substring("patroni+https://".length());
        } else if (lower.startsWith("patroni://")) {
            scheme = "http";
            rest = text.substring("patroni://".length());
        } else {
            throw new IllegalArgumentException("a Patroni target URL starts with patroni:// or patroni+https://");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (!rest.substring(slash).equals("/")) {
                throw new IllegalArgumentException("a Patroni target URL has no path; use patroni://host:8008");
            }
            rest = rest.substring(0, slash);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            user = userInfo.isEmpty() ? null : decode(userInfo);
            rest = rest.substring(at + 1);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equalsIgnoreCase("password")) {
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            parameters.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        UrlAuthority.Parts parts = UrlAuthority.split(rest);
        String host = parts.host();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a Patroni target URL needs a host: patroni://host:8008");
        }
        int port = UrlAuthority.port(parts.portText(), DEFAULT_PORT);
        parameters.put("scheme", scheme);
        parameters.put("host", host);
        parameters.put("port", Integer.toString(port));
        if (user != null) {
            parameters.put("user", user);
        }
        String hostText = host.contains(":") ? "[" + host + "]" : host;
        return new Target("patroni:" + hostText + ":" + port, EngineKind.PATRONI, text, parameters);
    }

    /** Base URL of the REST API, e.g. http://10.0.0.1:8008. */
    static String baseUrl(Target target) {
        Map<String, String> p = target.parameters();
        String host = p.get("host");
        return p.getOrDefault("scheme", "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + p.getOrDefault("port", Integer.toString(DEFAULT_PORT));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
