package io.dbaudit.collectors;

/**
 * The host[:port] part of a target URL, with IPv6 literals in brackets. Shared by every engine's URL
 * parser; each keeps its own rules for defaults (an empty host, a port where none is allowed).
 */
public final class UrlAuthority {
    /** The host as written (not yet percent-decoded) and the port text (null when absent). */
    public record Parts(String host, String portText) {
    }

    private UrlAuthority() {
    }

    public static Parts split(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in IPv6 host of target URL");
            }
            String tail = authority.substring(close + 1);
            if (tail.startsWith(":")) {
                return new Parts(authority.substring(1, close), tail.substring(1));
            }
            if (!tail.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after IPv6 host in target URL");
            }
            return new Parts(authority.substring(1, close), null);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? new Parts(authority, null)
                : new Parts(authority.substring(0, colon), authority.substring(colon + 1));
    }

    /** The port, or {@code defaultPort} when none is written; refused unless it is 1..65535. */
    public static int port(String portText, int defaultPort) {
        if (portText == null || portText.isEmpty()) {
            return defaultPort;
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port '" + portText + "' in target URL");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range in target URL");
        }
        return port;
    }
}
