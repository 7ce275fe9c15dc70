package io.dbaudit.collectors.patroni;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.patroni.PatroniCluster;
import io.dbaudit.model.facts.patroni.PatroniDcs;
import io.dbaudit.model.facts.patroni.PatroniDcsConfig;
import io.dbaudit.model.facts.patroni.PatroniHistory;
import io.dbaudit.model.facts.patroni.PatroniMember;
import io.dbaudit.model.facts.patroni.PatroniRestApi;
import io.dbaudit.model.facts.patroni.PatroniSecret;
import io.dbaudit.model.facts.pg.PgHbaEntry;
import io.dbaudit.model.facts.pg.PgServer;
import io.dbaudit.model.facts.pg.PgSetting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real cluster: one etcd and three Patroni 3 members (PostgreSQL 15) on loopback ports, m3 tagged
 * nofailover. Needs the Debian packages patroni, etcd-server and postgresql-15; when they are missing the
 * test FAILS naming them (CI installs them), it does not skip. PostgreSQL refuses to run as root, so as root
 * everything runs as the system user dbaudit-test (created when missing) through runuser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatroniClusterIT {
    private static final String PG_BIN = "/usr/lib/postgresql/15/bin";
    private static final String PATRONI = "/usr/bin/patroni";
    private static final String ETCD = "/usr/bin/etcd";
    private static final String USER = "dbaudit-test";
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final boolean root = "root".equals(System.getProperty("user.name"));
    private Path dir;
    private int etcdPort;
    private final int[] restPorts = new int[3];
    private final int[] pgPorts = new int[3];
    private String patroniVersion;

    @BeforeAll
    void startCluster() throws Exception {
        List<String> missing = Stream.of(PATRONI, ETCD, PG_BIN + "/postgres", PG_BIN + "/psql")
                .filter(p -> !Files.isExecutable(Path.of(p))).toList();
        if (!missing.isEmpty()) {
            fail("PatroniClusterIT needs a real Patroni + etcd + PostgreSQL 15: missing " + missing
                    + ". Install the Debian packages: apt-get install -y patroni etcd-server postgresql-15");
        }
        patroniVersion = run(List.of(PATRONI, "--version")).replace("patroni", "").trim();
        if (root) {
            if (runStatus(List.of("id", "-u", USER)) != 0) {
                run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            }
        }
        dir = Files.createTempDirectory(Path.of("/tmp"), "patroni-it-");
        etcdPort = freePort();
        int etcdPeer = freePort();
        for (int i = 0; i < 3; i++) {
            restPorts[i] = freePort();
            pgPorts[i] = freePort();
        }
        for (int i = 0; i < 3; i++) {
            Path m = dir.resolve("m" + (i + 1));
            Files.createDirectories(m);
            Files.writeString(m.resolve("patroni.yml"), config(i), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dir.resolve("etcd"));
        if (root) {
            run(List.of("chown", "-R", USER + ":", dir.toString()));
        }
        start(List.of(ETCD, "--name", "it", "--data-dir", dir.resolve("etcd/data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdPort,
                "--advertise-client-urls", "http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-cluster", "it=http://127.0.0.1:" + etcdPeer), dir.resolve("etcd/etcd.log"));
        waitFor("etcd", () -> status("http://127.0.0.1:" + etcdPort + "/health") == 200, Duration.ofSeconds(20));
        for (int i = 0; i < 3; i++) {
            Path m = dir.resolve("m" + (i + 1));
            start(List.of(PATRONI, m.resolve("patroni.yml").toString()), m.resolve("patroni.log"));
        }
        // Settled means caught up (lag known and small, not just "running" while still replaying the base backup),
        // so the verdict tests below see the healthy cluster they assert.
        waitFor("a leader and two running replicas caught up", () -> {
            List<PatroniMember> members = liveMembers();
            return members.size() == 3 && members.stream().filter(PatroniMember::leader).count() == 1
                    && members.stream().allMatch(PatroniMember::running)
                    && members.stream().filter(m -> !m.leader())
                            .allMatch(m -> m.lagWithin(64 * 1024));
        }, READY_WITHIN);
    }

    @AfterAll
    void stopCluster() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        // Patroni first (it stops PostgreSQL in fast mode), then whatever is left, forcibly.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).toHandle().descendants().filter(h -> h.info().command().orElse("").contains("python")
                    || h.info().command().orElse("").endsWith("etcd")).forEach(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(200);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (Process p : processes) {
            p.waitFor(5, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void collectsMembersConfigHistoryAndRestApiFromTheLiveCluster() throws Exception {
        TargetFacts facts = collect();
        assertTrue(facts.errors().stream().allMatch(e -> e.factKind().equals("PatroniDcs")
                || e.factKind().equals("PatroniSecret")), () -> "unexpected errors " + facts.errors() + logs());
        assertEquals("Patroni " + patroniVersion, facts.version());
        // The HA verdict on the healthy cluster: one leader, members running, two failover candidates
        // besides the nofailover member, sane DCS timing; synchronous mode off and an open REST API fail.
        Map<String, String> verdict = verdict(facts);
        for (String pass : List.of("PATRONI-HA-001", "PATRONI-HA-002", "PATRONI-HA-003", "PATRONI-HA-004",
                "PATRONI-HA-007", "PATRONI-HA-008", "PATRONI-HA-009", "PATRONI-HA-011")) {
            assertEquals("PASS", verdict.get(pass), pass + " in " + verdict + logs());
        }
        assertTrue(verdict.get("PATRONI-HA-010").startsWith("FAIL"), "synchronous_mode is off in the test cluster");
        assertTrue(verdict.get("PATRONI-SEC-001").startsWith("FAIL"), "the test REST API has neither auth nor TLS");
        assertEquals("SKIPPED", verdict.get("PATRONI-HA-014"), "no baseline: the timeline rule does not apply");

        List<PatroniMember> members = of(facts, PatroniMember.class);
        assertEquals(3, members.size(), members::toString);
        assertEquals(1, members.stream().filter(PatroniMember::leader).count(), members::toString);
        assertTrue(members.stream().allMatch(PatroniMember::running), members::toString);
        assertTrue(members.stream().allMatch(m -> patroniVersion.equals(m.version())),
                () -> "each member's own /patroni version: " + members);
        PatroniMember m3 = members.stream().filter(m -> m.name().equals("m3")).findFirst().orElseThrow();
        assertTrue(m3.nofailover(), m3::toString);
        assertEquals("true", m3.tags().get("nofailover"));
        assertFalse(m3.failoverCandidate());
        assertTrue(members.stream().filter(m -> !m.leader()).allMatch(m -> m.lagBytes() != null), members::toString);
        assertTrue(members.stream().allMatch(m -> m.timeline() != null && m.timeline() >= 1), members::toString);

        PatroniCluster cluster = of(facts, PatroniCluster.class).get(0);
        assertEquals("dbaudit-it", cluster.scope());
        assertFalse(cluster.paused());
        assertNull(cluster.scheduledSwitchover());

        PatroniDcsConfig config = of(facts, PatroniDcsConfig.class).get(0);
        assertEquals(20, config.ttl());
        assertEquals(2, config.loopWait());
        assertEquals(5, config.retryTimeout());
        assertEquals(1048576L, config.maximumLagOnFailover());
        assertEquals(Boolean.TRUE, config.usePgRewind());
        assertEquals(Boolean.FALSE, config.synchronousMode());
        assertEquals("dcs:/config", config.location());
        assertTrue(of(facts, PgSetting.class).stream().anyMatch(s -> s.name().equals("max_connections")
                && s.setting().equals("50") && "dcs".equals(s.source())));
        assertTrue(of(facts, PgHbaEntry.class).stream().anyMatch(h -> h.file().equals("dcs:/config")
                && "127.0.0.1/32".equals(h.address()) && h.method().equals("trust")));

        PatroniRestApi api = of(facts, PatroniRestApi.class).get(0);
        assertFalse(api.tls());
        assertFalse(api.authentication(), api::toString);
        assertNotNull(of(facts, PgServer.class).get(0));
        assertEquals(15, of(facts, PgServer.class).get(0).major());
        assertTrue(of(facts, PatroniHistory.class).isEmpty() || of(facts, PatroniHistory.class).get(0).timeline() >= 1);
    }

    @Test
    @Order(2)
    void theSameFileGivesTheSameDcsConfigAndLocatesSecretsWithoutValues() throws Exception {
        Path yml = dir.resolve("m1/patroni.yml");
        TargetFacts file = PatroniYamlParser.parse(yml);
        TargetFacts live = collect();
        PatroniDcsConfig fromFile = of(file, PatroniDcsConfig.class).get(0);
        PatroniDcsConfig fromLive = of(live, PatroniDcsConfig.class).get(0);
        assertEquals(fromLive.ttl(), fromFile.ttl());
        assertEquals(fromLive.loopWait(), fromFile.loopWait());
        assertEquals(fromLive.retryTimeout(), fromFile.retryTimeout());
        assertEquals(fromLive.maximumLagOnFailover(), fromFile.maximumLagOnFailover());
        assertEquals(fromLive.usePgRewind(), fromFile.usePgRewind());
        assertEquals(fromLive.pgHba(), fromFile.pgHba());
        assertTrue(file.target().fromConfigFiles());
        List<PatroniSecret> secrets = of(file, PatroniSecret.class);
        assertTrue(secrets.stream().anyMatch(s -> s.path().equals("postgresql.authentication.superuser.password")),
                secrets::toString);
        assertFalse(file.facts().toString().contains("it-superuser-secret"));
        PatroniDcs dcs = of(file, PatroniDcs.class).get(0);
        assertEquals("etcd3", dcs.type());
        assertEquals(1, dcs.hostsCount());
        assertFalse(dcs.tls());
        assertEquals(15, of(file, PgServer.class).get(0).major());
    }

    @Test
    @Order(3)
    void aReplicaThatStopsReceivingWalShowsLag() throws Exception {
        PatroniMember replica = liveMembers().stream().filter(m -> !m.leader() && !m.nofailover()).findFirst()
                .orElseThrow();
        PatroniMember leader = liveMembers().stream().filter(PatroniMember::leader).findFirst().orElseThrow();
        int replicaIndex = Integer.parseInt(replica.name().substring(1)) - 1;
        int leaderIndex = Integer.parseInt(leader.name().substring(1)) - 1;
        String[] receiverPid = {""};
        waitFor("a WAL receiver on " + replica.name(), () -> {
            try {
                receiverPid[0] = psql(replicaIndex, "SELECT pid FROM pg_stat_wal_receiver").trim();
            } catch (Exception e) {
                receiverPid[0] = "";
            }
            return !receiverPid[0].isEmpty();
        }, Duration.ofSeconds(30));
        String receiver = receiverPid[0];
        // Freezing the WAL receiver keeps the replica's received and replayed LSN where they are
        // (pg_wal_replay_pause alone would not: Patroni measures lag from the received position too).
        run(List.of("kill", "-STOP", receiver));
        try {
            psql(leaderIndex, "CREATE TABLE lag_it AS SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 8000) g");
            waitFor("lag on " + replica.name(), () -> liveMembers().stream()
                    .anyMatch(m -> m.name().equals(replica.name()) && m.lagBytes() != null && m.lagBytes() > 1_000_000),
                    Duration.ofSeconds(30));
            TargetFacts facts = collect();
            PatroniMember lagging = of(facts, PatroniMember.class).stream()
                    .filter(m -> m.name().equals(replica.name())).findFirst().orElseThrow();
            assertTrue(lagging.lagBytes() > 1_000_000, lagging::toString);
            PatroniDcsConfig config = of(facts, PatroniDcsConfig.class).get(0);
            assertFalse(lagging.lagWithin(config.effectiveMaximumLagOnFailover()));
            // With the only other failover candidate lagging beyond maximum_lag_on_failover, the verdict says so.
            assertTrue(verdict(facts).get("PATRONI-HA-002").startsWith("FAIL"), () -> verdict(facts).toString());
        } finally {
            run(List.of("kill", "-CONT", receiver));
        }
    }

    /** The built-in rules over live facts: the HA verdict a user gets from `dbaudit scan patroni://...`. */
    private static Map<String, String> verdict(TargetFacts facts) {
        ClassLoader cl = PatroniClusterIT.class.getClassLoader();
        var builtin = io.dbaudit.engine.eval.KieBases.builtin();
        var catalog = io.dbaudit.engine.catalog.RuleCatalog.load(io.dbaudit.engine.catalog.PackReader.fromClasspath(cl))
                .withPrecompiled(io.dbaudit.engine.eval.RuleIds.of(builtin));
        var engine = new io.dbaudit.engine.eval.AuditEngine(catalog, List.of(builtin),
                io.dbaudit.engine.catalog.Lifecycles.fromClasspath(cl));
        Map<String, String> out = new java.util.TreeMap<>();
        engine.audit(facts, java.time.Instant.now(), Map.of()).forEach(r -> out.put(r.ruleId(), r.status().name()
                + (r.findings().isEmpty() ? "" : " " + r.findings().stream().map(f -> f.message()).toList())));
        return out;
    }

    // ---- harness ----

    private TargetFacts collect() throws Exception {
        Target target = new PatroniCollector().parseTarget("patroni://127.0.0.1:" + restPorts[0]);
        return new PatroniCollector().collect(target, Optional.empty(),
                new CollectOptions(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(1)));
    }

    private List<PatroniMember> liveMembers() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPorts[0]
                    + "/cluster")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return List.of();
            }
            List<PatroniMember> out = new ArrayList<>();
            RestClient.JSON.readTree(r.body()).path("members")
                    .forEach(m -> out.add(PatroniCollector.member(m, null)));
            return out;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private String config(int i) {
        String m = dir.resolve("m" + (i + 1)).toString();
        return """
                scope: dbaudit-it
                name: m%1$d
                log:
                  level: INFO
                restapi:
                  listen: 127.0.0.1:%2$d
                  connect_address: 127.0.0.1:%2$d
                etcd3:
                  hosts: 127.0.0.1:%3$d
                bootstrap:
                  dcs:
                    ttl: 20
                    loop_wait: 2
                    retry_timeout: 5
                    maximum_lag_on_failover: 1048576
                    synchronous_mode: false
                    postgresql:
                      use_pg_rewind: true
                      use_slots: true
                      parameters:
                        max_connections: 50
                        wal_keep_size: 128MB
                      pg_hba:
                        - local all all trust
                        - host all all 127.0.0.1/32 trust
                        - host replication all 127.0.0.1/32 trust
                  initdb:
                    - encoding: UTF8
                    - data-checksums
                postgresql:
                  listen: 127.0.0.1:%4$d
                  connect_address: 127.0.0.1:%4$d
                  data_dir: %5$s/data
                  bin_dir: %6$s
                  pgpass: %5$s/pgpass
                  authentication:
                    superuser:
                      username: postgres
                      password: it-superuser-secret
                    replication:
                      username: replicator
                      password: it-replication-secret
                  parameters:
                    unix_socket_directories: %5$s
                    shared_buffers: 16MB
                    max_wal_senders: 10
                tags:
                  nofailover: %7$s
                """.formatted(i + 1, restPorts[i], etcdPort, pgPorts[i], m, PG_BIN, i == 2 ? "true" : "false");
    }

    private String psql(int member, String sql) throws Exception {
        String socketDir = dir.resolve("m" + (member + 1)).toString();
        return run(asUser(List.of(PG_BIN + "/psql", "-X", "-At", "-h", socketDir, "-p", Integer.toString(pgPorts[member]),
                "-U", "postgres", "-d", "postgres", "-c", sql)));
    }

    private List<String> asUser(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        c.addAll(command);
        return c;
    }

    private void start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(asUser(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("PGPASSFILE", dir.resolve("pgpass-unused").toString());
        processes.add(pb.start());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(command + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static int runStatus(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void waitFor(String what, Check check, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("not ready within " + limit.toSeconds() + " s: " + what + "; /cluster: " + liveMembers() + logs());
    }

    private String logs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                b.append("\n--- ").append(dir.relativize(log)).append(" (last 15 lines)\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            b.append("\n(cannot read logs: ").append(e).append(')');
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static <T extends Fact> List<T> of(TargetFacts facts, Class<T> kind) {
        return facts.facts().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @SuppressWarnings("unused")
    private static <T> Predicate<T> not(Predicate<T> p) {
        return p.negate();
    }

    @SuppressWarnings("unused")
    private static final Map<String, Class<?>> UNUSED = Map.of("CollectionError", CollectionError.class);
}
