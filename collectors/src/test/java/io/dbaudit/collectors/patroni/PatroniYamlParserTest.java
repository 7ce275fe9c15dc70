package io.dbaudit.collectors.patroni;

import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.patroni.PatroniDcs;
import io.dbaudit.model.facts.patroni.PatroniDcsConfig;
import io.dbaudit.model.facts.patroni.PatroniRestApi;
import io.dbaudit.model.facts.patroni.PatroniSecret;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatroniYamlParserTest {
    private static final String YML = """
            scope: batman
            name: node1
            restapi:
              listen: 0.0.0.0:8008
              connect_address: 10.0.0.1:8008
              authentication:
                username: admin
                password: Rest-S3cret-Value
            etcd3:
              hosts: 10.0.0.5:2379,10.0.0.6:2379
            bootstrap:
              dcs:
                ttl: 20
                loop_wait: 10
                retry_timeout: 10
                maximum_lag_on_failover: 1073741824
                postgresql:
                  use_pg_rewind: true
                  parameters:
                    wal_log_hints: off
                    max_connections: 200
                  pg_hba:
                    - host replication replicator 10.0.0.0/24 md5
                    - host all all 0.0.0.0/0 md5
              initdb:
                - encoding: UTF8
                - data-checksums
            postgresql:
              listen: 0.0.0.0:5432
              data_dir: /var/lib/postgresql/15/main
              bin_dir: /usr/lib/postgresql/15/bin
              authentication:
                superuser:
                  username: postgres
                  password: Super-S3cret-Value
                replication:
                  username: replicator
                  password: "Repl-S3cret-Value"
              parameters:
                max_connections: 300
                primary_conninfo: host=10.0.0.1 user=x password=Conn-S3cret-Value
            """;

    private static TargetFacts parse(String text) {
        return PatroniYamlParser.parse(text, "patroni.yml", PatroniYamlParser.target(Path.of("/etc/patroni/patroni.yml")));
    }

    private static <T extends Fact> List<T> of(TargetFacts f, Class<T> kind) {
        return f.facts().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void dcsConfigWithLinesAndRawParameters() {
        TargetFacts f = parse(YML);
        assertTrue(f.target().fromConfigFiles());
        assertEquals(Target.SOURCE_CONFIG_FILE, f.target().parameters().get(Target.SOURCE));
        PatroniDcsConfig c = of(f, PatroniDcsConfig.class).get(0);
        assertEquals("patroni.yml:12", c.location());
        assertEquals(20, c.ttl());
        assertEquals(1073741824L, c.maximumLagOnFailover());
        assertTrue(c.pgRewind());
        assertNull(c.synchronousMode());
        assertEquals("off", c.parameters().get("wal_log_hints"));
        PgSetting walLogHints = of(f, PgSetting.class).stream().filter(s -> s.name().equals("wal_log_hints")).findFirst()
                .orElseThrow();
        assertEquals("off", walLogHints.setting());
        assertEquals("patroni.yml:20", walLogHints.origin());
        PgSetting maxConn = of(f, PgSetting.class).stream().filter(s -> s.name().equals("max_connections")).findFirst()
                .orElseThrow();
        assertEquals("300", maxConn.setting(), "local postgresql.parameters win over bootstrap.dcs");
        assertEquals("patroni.yml", maxConn.source());
        assertTrue(of(f, PgSetting.class).stream().anyMatch(s -> s.name().equals("data_checksums") && s.on()));
    }

    @Test
    void hbaLinesCarryTheirYamlLine() {
        List<PgHbaEntry> hba = of(parse(YML), PgHbaEntry.class);
        assertEquals(2, hba.size());
        PgHbaEntry open = hba.get(1);
        assertEquals("patroni.yml:24", open.location());
        assertEquals("0.0.0.0/0", open.address());
        assertEquals(0, open.prefixLength());
        assertEquals("md5", open.method());
    }

    @Test
    void secretsAreLocatedByPathAndLineAndNeverCopied() {
        TargetFacts f = parse(YML);
        List<PatroniSecret> secrets = of(f, PatroniSecret.class);
        assertEquals(List.of("restapi.authentication.password", "postgresql.authentication.superuser.password",
                "postgresql.authentication.replication.password", "postgresql.parameters.primary_conninfo"),
                secrets.stream().map(PatroniSecret::path).toList());
        assertEquals("patroni.yml:8", secrets.get(0).location());
        assertEquals("restapi", secrets.get(0).category());
        assertEquals("patroni.yml:35", secrets.get(1).location());
        assertEquals("conninfo", secrets.get(3).category());
        String everything = f.toString() + f.facts().stream().map(Object::toString).toList();
        for (String value : List.of("Rest-S3cret-Value", "Super-S3cret-Value", "Repl-S3cret-Value", "Conn-S3cret-Value")) {
            assertFalse(everything.contains(value), value + " leaked into a fact");
        }
    }

    @Test
    void restApiAndDcs() {
        TargetFacts f = parse(YML);
        PatroniRestApi api = of(f, PatroniRestApi.class).get(0);
        assertFalse(api.tls());
        assertTrue(api.authentication());
        assertEquals("patroni.yml:3", api.location());
        PatroniDcs dcs = of(f, PatroniDcs.class).get(0);
        assertEquals("etcd3", dcs.type());
        assertEquals("etcd3", dcs.type());
        assertEquals("PatroniDcs", dcs.kind());
        assertEquals(2, dcs.hostsCount());
        assertFalse(dcs.tls());
        assertEquals("patroni.yml:9", dcs.location());
    }

    @Test
    void noDcsSectionIsAnErrorForThatKindOnly() {
        TargetFacts f = parse("scope: x\nrestapi:\n  listen: :8008\n  certfile: /etc/ssl/rest.pem\n");
        assertTrue(f.facts().stream().anyMatch(x -> x instanceof CollectionError e && e.factKind().equals("PatroniDcs")));
        assertTrue(of(f, PatroniRestApi.class).get(0).tls());
        assertTrue(of(f, PgServer.class).isEmpty(), "no bin_dir: no PgServer");
        assertFalse(f.collected().contains("PgServer"));
    }

    @Test
    void binDirInfersTheMajor() {
        assertEquals(15, of(parse(YML), PgServer.class).get(0).major());
        assertEquals(Optional.of(16), PatroniYamlParser.inferMajor("/usr/pgsql-16/bin"));
        assertEquals(Optional.of(17), PatroniYamlParser.inferMajor("/usr/lib/postgresql/17/bin/"));
        assertEquals(Optional.of(14), PatroniYamlParser.inferMajor("/opt/postgresql14/bin"));
        assertEquals(Optional.empty(), PatroniYamlParser.inferMajor("/usr/bin"));
        assertEquals(Optional.empty(), PatroniYamlParser.inferMajor(null));
    }

    @Test
    void malformedYamlGivesOneFileLineError() {
        String broken = "scope: x\nrestapi:\n  listen: [0.0.0.0:8008\n  connect_address: a\nbootstrap: {\n";
        var e = assertThrows(PatroniYamlParser.MalformedConfigException.class, () -> parse(broken));
        assertTrue(e.getMessage().matches("patroni\\.yml:\\d+:\\d+: invalid YAML: .*"), e.getMessage());
        var tab = assertThrows(PatroniYamlParser.MalformedConfigException.class,
                () -> parse("scope: x\nrestapi:\n\tlisten: 1\n"));
        assertTrue(tab.getMessage().startsWith("patroni.yml:3:"), tab.getMessage());
        var dup = assertThrows(PatroniYamlParser.MalformedConfigException.class,
                () -> parse("scope: x\nscope: y\n"));
        assertTrue(dup.getMessage().startsWith("patroni.yml:2:"), dup.getMessage());
        var list = assertThrows(PatroniYamlParser.MalformedConfigException.class, () -> parse("- a\n- b\n"));
        assertTrue(list.getMessage().startsWith("patroni.yml:1:"), list.getMessage());
    }

    @Test
    void targetUrls() {
        Target t = PatroniTargets.parse("patroni://admin@db1.example.com:8009?members=postgresql://a;postgresql://b");
        assertEquals("patroni:db1.example.com:8009", t.id());
        assertEquals("admin", t.parameters().get("user"));
        assertEquals("http", t.parameters().get("scheme"));
        assertEquals("postgresql://a;postgresql://b", t.parameters().get("members"));
        assertEquals("patroni:10.0.0.1:8008", PatroniTargets.parse("patroni+https://10.0.0.1").id());
        assertEquals("https", PatroniTargets.parse("patroni+https://10.0.0.1").parameters().get("scheme"));
        var e = assertThrows(IllegalArgumentException.class, () -> PatroniTargets.parse("patroni://admin:hunter2@h:8008"));
        assertFalse(e.getMessage().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> PatroniTargets.parse("patroni://h:8008?password=hunter2"));
        assertEquals(List.of("patroni", "patroni+https"), new PatroniCollector().schemes());
    }
}
