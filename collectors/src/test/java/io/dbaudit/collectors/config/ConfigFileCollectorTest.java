package io.dbaudit.collectors.config;

import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgFileSetting;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileCollectorTest {
    @TempDir
    Path dir;

    private final ConfigFileCollector collector = new ConfigFileCollector();

    static Path debian() throws URISyntaxException {
        return Path.of(ConfigFileCollectorTest.class.getResource("/config/debian/postgresql.conf").toURI()).getParent();
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    static <T extends Fact> List<T> facts(TargetFacts t, Class<T> type) {
        return t.facts().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static PgSetting setting(TargetFacts t, String name) {
        return facts(t, PgSetting.class).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no setting " + name));
    }

    @Test
    void debianStockDirectoryParsesWithoutErrors() throws Exception {
        TargetFacts t = collector.scan(List.of(debian()), Optional.empty());
        Target target = t.target();
        assertEquals("file:" + debian(), target.id());
        assertEquals(debian().toString(), target.endpoint());
        assertEquals(EngineKind.POSTGRESQL, target.engine());
        assertTrue(target.fromConfigFiles());
        assertEquals(Set.of("PgSetting", "PgFileSetting", "PgHbaEntry"), t.collected());
        assertNull(t.version());
        assertTrue(facts(t, PgServer.class).isEmpty());

        PgSetting ssl = setting(t, "ssl");
        assertEquals("on", ssl.setting());
        assertEquals(debian().resolve("postgresql.conf").toString(), ssl.sourceFile());
        assertEquals("configuration file", ssl.source());
        PgSetting sb = setting(t, "shared_buffers");
        assertEquals("16384", sb.setting());
        assertEquals("8kB", sb.unit());
        assertEquals(128L * 1024 * 1024, sb.bytes());
        assertEquals("1024", setting(t, "max_wal_size").setting());
        assertEquals("%m [%p] %q%u@%d ", setting(t, "log_line_prefix").setting());
        assertEquals("/var/run/postgresql", setting(t, "unix_socket_directories").setting());
        assertEquals("default", setting(t, "listen_addresses").source());
        assertEquals("localhost", setting(t, "listen_addresses").setting());

        List<PgFileSetting> fs = facts(t, PgFileSetting.class);
        assertTrue(fs.size() > 20, "file settings " + fs.size());
        assertTrue(fs.stream().allMatch(PgFileSetting::applied));

        List<PgHbaEntry> hba = facts(t, PgHbaEntry.class);
        assertEquals(7, hba.size());
        assertTrue(hba.stream().allMatch(e -> e.error() == null));
        assertEquals("local all postgres peer", hba.get(0).text());
        assertTrue(hba.get(0).file().endsWith("pg_hba.conf"));
        assertEquals(List.of("replication"), hba.get(4).databases());
        assertEquals(128, hba.get(3).prefixLength());
    }

    @Test
    void factsFeedTheSecurityRulesThatNeedOnlySettingsAndHba() throws Exception {
        // What PG-SEC-007/010/011/012/013/014/015/016/018/019/020/021/023/024/025/033/034 match on.
        write("etc/postgresql.conf", """
                listen_addresses = '*'
                password_encryption = md5
                ssl = off
                ssl_min_protocol_version = 'TLSv1'
                ssl_ciphers = 'ALL:!aNULL'
                authentication_timeout = 5min
                shared_preload_libraries = 'pg_stat_statements,pgaudit'
                pgaudit.log = 'ddl'
                """);
        write("etc/pg_hba.conf", """
                local all all trust
                host all all 0.0.0.0/0 trust
                hostssl all all 10.0.0.0 255.0.0.0 password
                host all all ::/0 md5
                host all all .example.com ident
                """);
        TargetFacts t = collector.scan(List.of(dir.resolve("etc")), Optional.of(16));
        assertEquals("md5", setting(t, "password_encryption").setting());
        assertTrue(setting(t, "ssl").off());
        assertEquals(dir.resolve("etc/postgresql.conf") + ":3", setting(t, "ssl").origin());
        assertEquals("TLSv1", setting(t, "ssl_min_protocol_version").setting());
        assertEquals(List.of("*"), setting(t, "listen_addresses").items());
        assertEquals(300.0, setting(t, "authentication_timeout").seconds());
        assertTrue(setting(t, "shared_preload_libraries").hasItem("pgaudit"));
        assertEquals("ddl", setting(t, "pgaudit.log").setting());

        List<PgHbaEntry> hba = facts(t, PgHbaEntry.class);
        assertTrue(hba.get(0).local() && hba.get(0).method().equals("trust"));
        assertTrue(hba.get(1).network() && hba.get(1).allUsers() && hba.get(1).allDatabases());
        assertEquals(0, hba.get(1).prefixLength());
        assertEquals(8, hba.get(2).prefixLength());
        assertEquals(0, hba.get(3).prefixLength());
        assertTrue(hba.get(3).address().contains(":"));
        assertEquals(-1, hba.get(4).prefixLength());
        assertEquals(dir.resolve("etc/pg_hba.conf") + ":2", hba.get(1).location());

        PgServer server = facts(t, PgServer.class).get(0);
        assertEquals(16, server.major());
        assertEquals("16 (from --pg-version)", server.version());
        assertEquals("16 (from --pg-version)", t.version());
        assertEquals("16", t.target().parameters().get("pg-version"));
        assertEquals(Target.SOURCE_CONFIG_FILE, t.target().parameters().get(Target.SOURCE));
        assertEquals(Set.of("PgSetting", "PgFileSetting", "PgHbaEntry", "PgServer"), t.collected());
    }

    @Test
    void autoConfBesideItWins() throws Exception {
        write("d/postgresql.conf", "work_mem = 4MB\nport = 5432\n");
        write("d/postgresql.auto.conf", "# Do not edit this file manually!\nwork_mem = '16MB'\n");
        TargetFacts t = collector.scan(List.of(dir.resolve("d/postgresql.conf")), Optional.empty());
        PgSetting wm = setting(t, "work_mem");
        assertEquals("16384", wm.setting());
        assertEquals(dir.resolve("d/postgresql.auto.conf").toString(), wm.sourceFile());
        assertEquals(Set.of("PgSetting", "PgFileSetting"), t.collected());
        assertEquals("file:" + dir.resolve("d/postgresql.conf"), t.target().id());
        List<PgFileSetting> fs = facts(t, PgFileSetting.class);
        assertEquals(3, fs.size());
        assertFalse(fs.get(0).applied());
    }

    @Test
    void hbaAloneCollectsOnlyHba() throws Exception {
        Path hba = write("x/pg_hba.conf", "local all all peer\n");
        TargetFacts t = collector.scan(List.of(hba), Optional.empty());
        assertEquals(Set.of("PgHbaEntry"), t.collected());
        assertTrue(facts(t, PgSetting.class).isEmpty());
    }

    @Test
    void ambiguousNamesAreDetectedByContent() throws Exception {
        Path conf = write("a/main.conf", "# settings\nshared_buffers = 1GB\nwork_mem 8MB\n");
        Path rules = write("a/access.rules", "# rules\nlocal all all peer\nhost all all 10.0.0.0/8 md5\n");
        Path customHba = write("a/cluster-hba.conf", "local all all peer\n");
        assertEquals(ConfigFileCollector.Kind.POSTGRESQL_CONF, ConfigFileCollector.detect(conf));
        assertEquals(ConfigFileCollector.Kind.HBA, ConfigFileCollector.detect(rules));
        assertEquals(ConfigFileCollector.Kind.HBA, ConfigFileCollector.detect(customHba));
        TargetFacts t = collector.scan(List.of(conf, rules), Optional.empty());
        assertEquals("file:" + dir.resolve("a"), t.target().id());
        assertEquals("131072", setting(t, "shared_buffers").setting());
        assertEquals(2, facts(t, PgHbaEntry.class).size());
        Path junk = write("a/notes.txt", "just some words\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class,
                () -> collector.scan(List.of(junk), Optional.empty()));
        assertTrue(ex.getMessage().contains("not recognised"), ex.getMessage());
    }

    @Test
    void directoryWithoutPostgresqlConfUsesConfFragments() throws Exception {
        write("conf.d/10-mem.conf", "shared_buffers = 2GB\n");
        write("conf.d/20-ssl.conf", "ssl = on\nshared_buffers = 1GB\n");
        TargetFacts t = collector.scan(List.of(dir.resolve("conf.d")), Optional.empty());
        assertEquals("131072", setting(t, "shared_buffers").setting());
        assertTrue(setting(t, "ssl").on());
    }

    @Test
    void errorsAreConfigParseExceptionsWithFileAndLine() throws Exception {
        write("bad/postgresql.conf", "port = 5432\nshared_buffers = 'a lot'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class,
                () -> collector.scan(List.of(dir.resolve("bad")), Optional.empty()));
        assertEquals(dir.resolve("bad/postgresql.conf") + ":2: invalid value for parameter \"shared_buffers\": \"a lot\"",
                ex.getMessage());
        ConfigParseException none = assertThrows(ConfigParseException.class,
                () -> collector.scan(List.of(dir.resolve("nowhere")), Optional.empty()));
        assertTrue(none.getMessage().contains("no such file or directory"));
        Files.createDirectories(dir.resolve("empty"));
        assertThrows(ConfigParseException.class, () -> collector.scan(List.of(dir.resolve("empty")), Optional.empty()));
    }

    @Test
    void scanEachMakesOneTargetPerPath() throws Exception {
        write("one/postgresql.conf", "port = 1\n");
        write("two/pg_hba.conf", "local all all peer\n");
        List<TargetFacts> ts = collector.scanEach(List.of(dir.resolve("one"), dir.resolve("two")), Optional.empty());
        assertEquals(2, ts.size());
        assertEquals("file:" + dir.resolve("one"), ts.get(0).target().id());
        assertEquals("file:" + dir.resolve("two"), ts.get(1).target().id());
    }
}
