package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;

import java.sql.SQLException;
import java.util.Optional;

/** What an SQLException means for a fact kind, and its message made safe to show. */
final class SqlFailures {
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String QUERY_CANCELED = "57014";
    static final String UNDEFINED_TABLE = "42P01";
    static final String UNDEFINED_FUNCTION = "42883";

    private SqlFailures() {
    }

    static ErrorReason reason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case INSUFFICIENT_PRIVILEGE -> ErrorReason.PRIVILEGE;
            case QUERY_CANCELED -> ErrorReason.TIMEOUT;
            // A catalog view or function this server version does not have.
            case UNDEFINED_TABLE, UNDEFINED_FUNCTION -> ErrorReason.UNSUPPORTED;
            default -> state.startsWith("08") ? ErrorReason.UNREACHABLE : ErrorReason.ERROR;
        };
    }

    /**
     * The server's message, with the password cut out should it ever appear (it never should, but a
     * message is shown to users and written to reports, so we do not rely on that).
     */
    static String message(SQLException e, Optional<Secret> password) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return scrub(text, password);
    }

    /** A read refused by the collector itself because the role would see only part of the data. */
    static SQLException privilege(String message) {
        return new SQLException(message, INSUFFICIENT_PRIVILEGE);
    }

    static String scrub(String text, Optional<Secret> password) {
        if (password.isPresent() && !password.get().reveal().isEmpty()) {
            return text.replace(password.get().reveal(), password.get().toString());
        }
        return text;
    }
}
