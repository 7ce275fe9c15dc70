package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.UrlAuthority;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code redis://[user@]host[:port][/db]} and {@code rediss://...} (TLS) as a {@link Target} with id
 * {@code host:port}. A password in the URL (user:password@, :password@ or ?password=) is refused without
 * being echoed: it must come from --password-env, --password-file or REDISCLI_AUTH.
 */
public final class RedisTargets {
    static final int DEFAULT_PORT = 6379;
    static final String DEFAULT_USER = "default";
    private static final String PASSWORD_ADVICE = "a password in the target URL is not accepted; use --password-env,"
            + " --password-file or the REDISCLI_AUTH environment variable";

    private RedisTargets() {
    }

    public static Target parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty target URL");
        }
        String text = url.trim();
        boolean tls;
        String rest;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rediss://")) {
            tls = true;
            rest = text.substring("rediss://".length());
        } else if (lower.startsWith("redis://")) {
            tls = false;
            rest = text.substring("redis://".length());
        } else {
            throw new IllegalArgumentException("target URL must start with redis:// or rediss://");
        }
        int end = indexOfAny(rest, "/?#");
        String authority = end < 0 ? rest : rest.substring(0, end);
        String tail = end < 0 ? "" : rest.substring(end);
        String user = DEFAULT_USER;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            // Checked before anything else, so that no later error message can quote the password.
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException(PASSWORD_ADVICE);
            }
            if (!userInfo.isEmpty()) {
                user = decode(userInfo);
            }
            authority = authority.substring(at + 1);
        }
        String path = tail;
        int q = tail.indexOf('?');
        if (q >= 0) {
            for (String pair : tail.substring(q + 1).split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("pass")) {
                    throw new IllegalArgumentException(PASSWORD_ADVICE);
                }
            }
            path = tail.substring(0, q);
        }
        UrlAuthority.Parts parts = UrlAuthority.split(authority);
        String host = parts.host();
        if (host.contains(",")) {
            throw new IllegalArgumentException("target URL with several hosts is not supported; scan each host");
        }
        host = host.isEmpty() ? "localhost" : decode(host);
        int port = UrlAuthority.port(parts.portText(), DEFAULT_PORT);
        int db = 0;
        String dbText = path.startsWith("/") ? path.substring(1) : path;
        if (!dbText.isEmpty()) {
            try {
                db = Integer.parseInt(dbText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid database number '" + dbText + "' in target URL");
            }
            if (db < 0) {
                throw new IllegalArgumentException("database number " + db + " out of range in target URL");
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", user);
        parameters.put("host", host);
        parameters.put("port", Integer.toString(port));
        parameters.put("db", Integer.toString(db));
        parameters.put("tls", Boolean.toString(tls));
        String display = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return new Target(display, EngineKind.REDIS, text, parameters);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
