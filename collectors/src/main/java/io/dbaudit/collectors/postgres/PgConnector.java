package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.model.Target;
import io.dbaudit.model.result.TargetStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens read-only, time-bounded pgjdbc sessions to one target's databases. The password goes only into
 * the driver's Properties: never into the URL, a log line or an exception message.
 */
final class PgConnector {
    static final String APPLICATION_NAME = "dbaudit";
    /** Target parameters handed to pgjdbc as they are (file paths, no secrets). */
    private static final List<String> PASSED_THROUGH = List.of("sslrootcert", "sslcert", "sslkey");

    private final Target target;
    private final Optional<Secret> password;
    private final CollectOptions options;

    PgConnector(Target target, Optional<Secret> password, CollectOptions options) {
        this.target = target;
        this.password = password;
        this.options = options;
    }

    String host() {
        return target.parameters().getOrDefault("host", "localhost");
    }

    int port() {
        return Integer.parseInt(target.parameters().getOrDefault("port", "5432"));
    }

    String user() {
        return target.parameters().getOrDefault("user", "postgres");
    }

    String database() {
        return target.parameters().getOrDefault("database", "postgres");
    }

    /** The first session: failures here mean the target cannot be scanned at all. */
    Connection openTarget() throws TargetUnavailableException {
        try {
            return open(database());
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    Connection open(String database) throws SQLException {
        String hostPart = host().contains(":") ? "[" + host() + "]" : host();
        String url = "jdbc:postgresql://" + hostPart + ":" + port() + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return DriverManager.getConnection(url, properties());
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user());
        password.ifPresent(secret -> p.setProperty("password", secret.reveal()));
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("connectTimeout", seconds(options.connectTimeout()));
        p.setProperty("loginTimeout", seconds(options.connectTimeout()));
        // The socket must outlive the server-side statement_timeout, or we would lose the clean 57014.
        p.setProperty("socketTimeout", seconds(options.statementTimeout().plus(options.connectTimeout())));
        p.setProperty("readOnly", "true");
        // Startup options apply before our first statement, so even the session's own defaults are
        // read-only and bounded; pgjdbc passes this string to the server's "options" startup parameter.
        p.setProperty("options", "-c default_transaction_read_only=on"
                + " -c statement_timeout=" + options.statementTimeout().toMillis()
                + " -c lock_timeout=" + options.lockTimeout().toMillis());
        p.setProperty("sslmode", target.parameters().getOrDefault("sslmode", "prefer"));
        for (String name : PASSED_THROUGH) {
            String value = target.parameters().get(name);
            if (value != null) {
                p.setProperty(name, value);
            }
        }
        return p;
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    private TargetUnavailableException unavailable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = user() + "@" + target.id();
        String detail = SqlFailures.message(e, password);
        if (state.startsWith("28")) {
            return new TargetUnavailableException(TargetStatus.AUTH_FAILED,
                    "authentication failed for " + where + ": " + detail);
        }
        if (state.equals("08004") && password.isEmpty()) {
            // pgjdbc's "server requested password-based authentication, but no password was provided"
            return new TargetUnavailableException(TargetStatus.AUTH_FAILED, "no password for " + where
                    + " (none in PGPASSWORD or the password file; use --password-env or --password-file): "
                    + detail);
        }
        if (state.startsWith("08") || state.equals("57P03")) {
            return new TargetUnavailableException(TargetStatus.UNREACHABLE, "cannot connect to " + where + ": "
                    + detail);
        }
        return new TargetUnavailableException(TargetStatus.ERROR, "cannot open a session as " + where + ": "
                + detail);
    }
}
