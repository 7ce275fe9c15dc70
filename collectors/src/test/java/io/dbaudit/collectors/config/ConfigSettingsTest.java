package io.dbaudit.collectors.config;

import io.dbaudit.model.facts.pg.PgFileSetting;
import io.dbaudit.model.facts.pg.PgSetting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigSettingsTest {
    private final ConfigSettings settings = new ConfigSettings();

    private PgSetting one(String name, String value) throws ConfigParseException {
        ConfigSettings.Result r = settings.apply(List.of(new ConfigEntry(name, value, "/etc/pg/postgresql.conf", 7)),
                Optional.empty());
        return r.settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private void expect(String name, String value, String setting, String unit) throws ConfigParseException {
        PgSetting s = one(name, value);
        assertEquals(setting, s.setting(), name + " = " + value);
        assertEquals(unit, s.unit(), name + " unit");
    }

    @Test
    void memoryIsNormalisedToTheBaseUnit() throws Exception {
        expect("shared_buffers", "4GB", "524288", "8kB");
        expect("shared_buffers", "128MB", "16384", "8kB");
        expect("shared_buffers", "16384", "16384", "8kB");
        expect("shared_buffers", "1TB", "134217728", "8kB");
        expect("work_mem", "64MB", "65536", "kB");
        expect("work_mem", "64 MB", "65536", "kB");
        expect("work_mem", "1.5MB", "1536", "kB");
        expect("work_mem", "4096", "4096", "kB");
        expect("work_mem", "1048576B", "1024", "kB");
        expect("maintenance_work_mem", "1GB", "1048576", "kB");
        expect("max_wal_size", "1GB", "1024", "MB");
        expect("max_wal_size", "2TB", "2097152", "MB");
        expect("min_wal_size", "80MB", "80", "MB");
        expect("track_activity_query_size", "4kB", "4096", "B");
        expect("autovacuum_work_mem", "-1", "-1", "kB");
        expect("effective_cache_size", "4GB", "524288", "8kB");
        expect("wal_buffers", "16MB", "2048", "8kB");
        assertEquals(4L * 1024 * 1024 * 1024, one("shared_buffers", "4GB").bytes());
        assertEquals(64L * 1024 * 1024, one("work_mem", "64MB").bytes());
    }

    @Test
    void fractionsRoundToTheNearestBaseUnitAsPostgresqlDoes() throws Exception {
        // rint(): half to even
        expect("shared_buffers", "12kB", "2", "8kB");   // 1.5 -> 2
        expect("shared_buffers", "20kB", "2", "8kB");   // 2.5 -> 2
        expect("work_mem", "1.0005MB", "1025", "kB");   // 1024.512 -> 1025
        expect("checkpoint_timeout", "1500ms", "2", "s"); // 1.5 -> 2
        expect("checkpoint_timeout", "2500ms", "2", "s"); // 2.5 -> 2
        expect("statement_timeout", "1.5s", "1500", "ms");
        expect("statement_timeout", "0.4ms", "0", "ms");
    }

    @Test
    void timeIsNormalisedToTheBaseUnit() throws Exception {
        expect("checkpoint_timeout", "15min", "900", "s");
        expect("checkpoint_timeout", "300", "300", "s");
        expect("checkpoint_timeout", "1h", "3600", "s");
        expect("checkpoint_timeout", "1d", "86400", "s");
        expect("log_min_duration_statement", "250ms", "250", "ms");
        expect("log_min_duration_statement", "2s", "2000", "ms");
        expect("log_min_duration_statement", "-1", "-1", "ms");
        expect("statement_timeout", "0", "0", "ms");
        expect("statement_timeout", "30s", "30000", "ms");
        expect("authentication_timeout", "1min", "60", "s");
        expect("log_rotation_age", "1d", "1440", "min");
        expect("log_rotation_age", "2h", "120", "min");
        expect("vacuum_cost_delay", "2ms", "2", "ms");
        expect("vacuum_cost_delay", "500us", "0.5", "ms");
        expect("autovacuum_vacuum_cost_delay", "20ms", "20", "ms");
        assertEquals(900.0, one("checkpoint_timeout", "15min").seconds());
        assertEquals(0.25, one("log_min_duration_statement", "250ms").seconds());
    }

    @Test
    void integersInHexAndOctalAsStrtolReadsThem() throws Exception {
        expect("unix_socket_permissions", "0777", "511", null);
        expect("unix_socket_permissions", "0x1ff", "511", null);
        expect("log_file_mode", "0600", "384", null);
        expect("max_connections", "+200", "200", null);
    }

    @Test
    void realsKeepTheirValue() throws Exception {
        expect("random_page_cost", "1.1", "1.1", null);
        expect("checkpoint_completion_target", "0.9", "0.9", null);
        expect("seq_page_cost", "1", "1", null);
        expect("hash_mem_multiplier", "2.0", "2", null);
        expect("cpu_operator_cost", "25e-4", "0.0025", null);
    }

    @Test
    void booleansAcceptEverySpellingPostgresqlAcceptsAndBecomeOnOff() throws Exception {
        for (String on : List.of("on", "ON", "On", "true", "TRUE", "t", "tr", "tru", "yes", "y", "ye", "YES", "1")) {
            assertEquals("on", one("ssl", on).setting(), on);
            assertTrue(one("ssl", on).on());
        }
        for (String off : List.of("off", "OFF", "of", "false", "f", "fa", "fals", "no", "n", "NO", "0")) {
            assertEquals("off", one("ssl", off).setting(), off);
            assertTrue(one("ssl", off).off());
        }
        for (String bad : List.of("o", "onn", "offf", "truex", "2", "yess", "", "enable")) {
            ConfigParseException ex = assertThrows(ConfigParseException.class, () -> one("ssl", bad), bad);
            assertEquals("/etc/pg/postgresql.conf:7: parameter \"ssl\" requires a Boolean value", ex.getMessage());
        }
    }

    @Test
    void invalidNumbersAndUnitsNameTheLine() {
        for (String[] c : new String[][]{
                {"shared_buffers", "4gb"}, {"shared_buffers", "lots"}, {"work_mem", "64 M B"},
                {"checkpoint_timeout", "5 minutes"}, {"checkpoint_timeout", "5MB"}, {"work_mem", "10s"},
                {"max_connections", "100kB"}, {"shared_buffers", "99999999999"}, {"random_page_cost", "x"},
                {"port", ""}, {"port", "08"}}) {
            ConfigParseException ex = assertThrows(ConfigParseException.class, () -> one(c[0], c[1]), c[1]);
            assertTrue(ex.getMessage().startsWith("/etc/pg/postgresql.conf:7: "), ex.getMessage());
            assertTrue(ex.getMessage().contains(c[0]), ex.getMessage());
        }
    }

    @Test
    void enumsTakeTheirCanonicalSpellingAndUnknownParametersStayRaw() throws Exception {
        assertEquals("scram-sha-256", one("password_encryption", "SCRAM-SHA-256").setting());
        assertEquals("TLSv1.2", one("ssl_min_protocol_version", "tlsv1.2").setting());
        assertEquals("replica", one("wal_level", "Replica").setting());
        assertEquals("enum", one("wal_level", "replica").vartype());
        PgSetting custom = one("pgaudit.log", "ddl, ROLE");
        assertEquals("ddl, ROLE", custom.setting());
        assertNull(custom.unit());
        assertEquals("string", custom.vartype());
        PgSetting obsolete = one("checkpoint_segments", "16");
        assertEquals("16", obsolete.setting());
        assertEquals("string", obsolete.vartype());
        assertEquals("HIGH:!aNULL:!MD5", one("ssl_ciphers", "HIGH:!aNULL:!MD5").setting());
    }

    @Test
    void lastAssignmentWinsAndEveryLineIsAFileSetting() throws Exception {
        List<ConfigEntry> entries = List.of(
                new ConfigEntry("work_mem", "4MB", "/c/postgresql.conf", 10),
                new ConfigEntry("ssl", "off", "/c/postgresql.conf", 11),
                new ConfigEntry("work_mem", "8MB", "/c/conf.d/a.conf", 1),
                new ConfigEntry("ssl", "on", "/c/postgresql.auto.conf", 3));
        ConfigSettings.Result r = settings.apply(entries, Optional.empty());
        PgSetting wm = r.settings().stream().filter(s -> s.name().equals("work_mem")).findFirst().orElseThrow();
        assertEquals("8192", wm.setting());
        assertEquals("/c/conf.d/a.conf", wm.sourceFile());
        assertEquals(1, wm.sourceLine());
        assertEquals("configuration file", wm.source());
        assertEquals("user", wm.context());
        assertEquals("integer", wm.vartype());
        assertEquals("/c/conf.d/a.conf:1", wm.origin());
        PgSetting ssl = r.settings().stream().filter(s -> s.name().equals("ssl")).findFirst().orElseThrow();
        assertEquals("/c/postgresql.auto.conf:3", ssl.origin());
        assertEquals(1, r.settings().stream().filter(s -> s.name().equals("work_mem")).count());

        List<PgFileSetting> f = r.fileSettings();
        assertEquals(4, f.size());
        assertEquals(List.of(false, false, true, true), f.stream().map(PgFileSetting::applied).toList());
        assertEquals(List.of(1, 2, 3, 4), f.stream().map(PgFileSetting::seqno).toList());
        assertEquals("4MB", f.get(0).setting());
        assertEquals("/c/postgresql.conf:10", f.get(0).location());
    }

    @Test
    void unsetParametersGetTheirDefaultsWithSourceDefault() throws Exception {
        ConfigSettings.Result r = settings.apply(List.of(new ConfigEntry("port", "5432", "/c/p.conf", 1)),
                Optional.empty());
        PgSetting sb = find(r, "shared_buffers");
        assertEquals("16384", sb.setting());
        assertEquals("8kB", sb.unit());
        assertEquals("default", sb.source());
        assertNull(sb.sourceFile());
        assertEquals("off", find(r, "ssl").setting());
        assertEquals("scram-sha-256", find(r, "password_encryption").setting());
        assertEquals("", find(r, "shared_preload_libraries").setting());
        assertEquals("localhost", find(r, "listen_addresses").setting());
        assertEquals("%m [%p] ", find(r, "log_line_prefix").setting());
        // initdb- or packaging-dependent values are never invented
        assertFalse(r.settings().stream().anyMatch(s -> s.name().equals("data_checksums")));
        assertFalse(r.settings().stream().anyMatch(s -> s.name().equals("lc_messages")));

        ConfigSettings.Result old = settings.apply(List.of(), Optional.of(13));
        assertEquals("md5", find(old, "password_encryption").setting());
        assertEquals("off", find(old, "log_checkpoints").setting());
        assertFalse(old.settings().stream().anyMatch(s -> s.name().equals("scram_iterations")));
        assertEquals("4096", find(settings.apply(List.of(), Optional.of(16)), "scram_iterations").setting());
    }

    @Test
    void everyBuiltInDefaultNormalises() throws Exception {
        List<String> names = new ArrayList<>();
        for (ParameterTable.Parameter p : ParameterTable.builtIn().all()) {
            names.add(p.name());
            p.defaultFor(Optional.empty()).ifPresent(d -> ParameterTable.normalise(p, d));
            p.defaultFor(Optional.of(11)).ifPresent(d -> ParameterTable.normalise(p, d));
        }
        assertTrue(names.size() >= 120, "table covers " + names.size());
        for (String must : List.of("shared_buffers", "work_mem", "maintenance_work_mem", "effective_cache_size",
                "checkpoint_timeout", "max_wal_size", "statement_timeout", "idle_in_transaction_session_timeout",
                "log_min_duration_statement", "log_connections", "log_statement", "ssl", "ssl_ciphers",
                "ssl_min_protocol_version", "password_encryption", "listen_addresses", "authentication_timeout",
                "shared_preload_libraries", "wal_level", "max_wal_senders", "hot_standby", "archive_mode",
                "autovacuum", "autovacuum_naptime", "autovacuum_vacuum_cost_delay", "data_checksums")) {
            assertTrue(ParameterTable.builtIn().get(must).isPresent(), must);
        }
    }

    private static PgSetting find(ConfigSettings.Result r, String name) {
        return r.settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name));
    }
}
