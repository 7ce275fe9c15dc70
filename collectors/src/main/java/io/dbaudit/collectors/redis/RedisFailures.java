package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Optional;

/** What a Jedis failure means for a fact kind, and its message made safe to show. */
final class RedisFailures {
    private RedisFailures() {
    }

    static ErrorReason reason(RuntimeException e) {
        if (e instanceof JedisConnectionException) {
            return causedBy(e, SocketTimeoutException.class) ? ErrorReason.TIMEOUT : ErrorReason.UNREACHABLE;
        }
        String m = text(e).toUpperCase(Locale.ROOT);
        if (m.startsWith("NOPERM") || m.startsWith("NOAUTH")) {
            return ErrorReason.PRIVILEGE;
        }
        // A command renamed away (rename-command CONFIG "") or one this server does not have.
        if (m.startsWith("ERR UNKNOWN COMMAND") || m.startsWith("ERR UNKNOWN SUBCOMMAND")
                || m.contains("UNKNOWN COMMAND")) {
            return ErrorReason.UNSUPPORTED;
        }
        return ErrorReason.ERROR;
    }

    static boolean authFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toUpperCase(Locale.ROOT);
            if (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.contains("INVALID PASSWORD")
                    || m.contains("INVALID USERNAME-PASSWORD") || m.contains("AUTH <PASSWORD> CALLED WITHOUT")) {
                return true;
            }
        }
        return false;
    }

    static String message(RuntimeException e, Optional<Secret> password) {
        String text = text(e);
        if (password.isPresent() && !password.get().reveal().isEmpty()) {
            text = text.replace(password.get().reveal(), password.get().toString());
        }
        return text;
    }

    private static String text(Throwable e) {
        Throwable t = e;
        String m = t.getMessage();
        // Jedis wraps handshake failures; the innermost message is the server's own word.
        while ((m == null || m.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
