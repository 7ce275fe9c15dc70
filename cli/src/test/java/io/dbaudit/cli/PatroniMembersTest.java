package io.dbaudit.cli;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.PeerSetting;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgSetting;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Patroni target naming its members: one cluster, each member scanned as PostgreSQL, settings shared as peers. */
class PatroniMembersTest {
    @Test
    void membersBecomePostgresTargetsOfTheSameClusterAndShareTheirSettings() {
        Target patroni = Targets.parse("patroni://127.0.0.1:8008");
        var params = new java.util.HashMap<>(patroni.parameters());
        params.put("members", "postgresql://dbaudit@10.0.0.1:5432/postgres; postgresql://dbaudit@10.0.0.2:5432/postgres");
        List<TargetSpec> specs = PatroniMembers.expand(List.of(new TargetSpec(
                new Target(patroni.id(), EngineKind.PATRONI, patroni.endpoint(), params), new PasswordSource.FromEnv("REST_PW"))));
        assertEquals(3, specs.size());
        assertEquals(List.of("patroni:127.0.0.1:8008", "patroni:127.0.0.1:8008/10.0.0.1:5432/postgres",
                "patroni:127.0.0.1:8008/10.0.0.2:5432/postgres"), specs.stream().map(s -> s.target().id()).toList());
        specs.forEach(s -> assertEquals("patroni:127.0.0.1:8008", s.target().parameters().get(ClusterPeers.CLUSTER)));
        assertInstanceOf(PasswordSource.FromEnv.class, specs.get(0).password(), "the REST password stays the REST's");
        assertInstanceOf(PasswordSource.Default.class, specs.get(1).password(), "members use PGPASSWORD / ~/.pgpass");

        TargetFacts rest = new TargetFacts(specs.get(0).target(), null, List.of(), Set.of());
        TargetFacts m1 = new TargetFacts(specs.get(1).target(), "17", List.of(
                new PgSetting("wal_log_hints", "off", null, "bool", "postmaster", "default", null, null, false)), Set.of());
        List<TargetFacts> joined = ClusterPeers.join(List.of(rest, m1));
        assertTrue(joined.get(0).facts().contains(new PeerSetting(specs.get(1).target().id(), "wal_log_hints", "off")),
                "the Patroni session sees each member's settings");
    }

    @Test
    void membersMustBePostgresUrls() {
        Target patroni = Targets.parse("patroni://127.0.0.1:8008");
        var params = new java.util.HashMap<>(patroni.parameters());
        params.put("members", "redis://10.0.0.1:6379");
        var spec = new TargetSpec(new Target(patroni.id(), EngineKind.PATRONI, patroni.endpoint(), params),
                new PasswordSource.Default());
        assertThrows(BadInputException.class, () -> PatroniMembers.expand(List.of(spec)));
    }
}
