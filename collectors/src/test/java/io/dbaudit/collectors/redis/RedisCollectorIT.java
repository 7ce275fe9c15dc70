package io.dbaudit.collectors.redis;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.collectors.Collector;
import io.dbaudit.collectors.Secret;
import io.dbaudit.collectors.TargetUnavailableException;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.Target;
import io.dbaudit.model.facts.CollectionError;
import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.TlsState;
import io.dbaudit.model.facts.redis.RedisAclUser;
import io.dbaudit.model.facts.redis.RedisConfig;
import io.dbaudit.model.facts.redis.RedisInfo;
import io.dbaudit.model.facts.redis.RedisLastSave;
import io.dbaudit.model.facts.redis.RedisReplica;
import io.dbaudit.model.facts.redis.RedisRole;
import io.dbaudit.model.facts.redis.RedisServer;
import io.dbaudit.model.result.TargetStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis collector against real redis-server processes: a weak server, a hardened one (default user off,
 * ACL file, AOF) scanned as an admin and as a least-privilege scanner, a primary with a replica, a server with
 * CONFIG renamed away, and failed logins.
 */
class RedisCollectorIT {
    private static final String ADMIN_PW = "admin-Pw-4711";
    private static final String SCANNER_PW = "scan-Pw-0815";
    private static final String WRONG_PW = "Wrong-Secret-9931";
    /** What the collector needs, and nothing more (Jedis sends AUTH, CLIENT SETNAME, PING). */
    static final String SCANNER_ACL = "+info +config|get +acl|list +role +lastsave +ping +client|setname";
    private static final CollectOptions OPTIONS = new CollectOptions(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(2));
    private static final Set<String> REDIS_KINDS = Set.of("RedisServer", "RedisInfo", "RedisReplica", "RedisConfig",
            "RedisAclUser", "RedisRole", "RedisLastSave", "TlsState");

    @TempDir
    static Path tmp;

    private static final List<RedisServerProcess> servers = new ArrayList<>();
    private static RedisServerProcess weak;
    private static RedisServerProcess hardened;
    private static RedisServerProcess primary;
    private static RedisServerProcess replica;
    private static RedisServerProcess noConfig;

    @BeforeAll
    static void startServers() throws Exception {
        long t0 = System.nanoTime();
        weak = track(RedisServerProcess.start(tmp.resolve("weak"), "--protected-mode", "no", "--appendonly", "no",
                "--save", ""));
        Path hardDir = tmp.resolve("hardened");
        Files.createDirectories(hardDir);
        Path acl = hardDir.resolve("users.acl");
        Files.writeString(acl, String.join("\n",
                "user default off resetpass -@all",
                "user admin on >" + ADMIN_PW + " ~* &* +@all",
                "user scanner on >" + SCANNER_PW + " resetkeys resetchannels -@all " + SCANNER_ACL,
                "user app on >app-Pw-1 ~app:* resetchannels -@all +@read +@write -@dangerous",
                "user ops on >ops-Pw-1 ~* -@all +@read +flushdb +config", "") );
        hardened = track(RedisServerProcess.start(hardDir, "--aclfile", acl.toString(), "--appendonly", "yes",
                "--appendfsync", "everysec", "--save", "3600 1", "--protected-mode", "yes", "--maxmemory", "64mb",
                "--maxmemory-policy", "allkeys-lru", "--timeout", "300"));
        primary = track(RedisServerProcess.start(tmp.resolve("primary"), "--save", "", "--appendonly", "no"));
        replica = track(RedisServerProcess.start(tmp.resolve("replica"), "--save", "", "--appendonly", "no",
                "--replicaof", "127.0.0.1", Integer.toString(primary.port)));
        noConfig = track(RedisServerProcess.start(tmp.resolve("noconfig"), "--rename-command", "CONFIG", "",
                "--save", ""));
        System.out.printf("RedisCollectorIT: 5 redis-server processes up in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static RedisServerProcess track(RedisServerProcess s) {
        servers.add(s);
        return s;
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(RedisServerProcess::close);
    }

    private static TargetFacts scan(String url, String password) throws TargetUnavailableException {
        Target target = Targets.parse(url);
        Collector c = Targets.collectors().stream().filter(x -> x.schemes().contains("redis")).findFirst().orElseThrow();
        assertTrue(c instanceof RedisCollector, "the ServiceLoader finds the Redis collector");
        return ((RedisCollector) c).collect(target, Optional.ofNullable(password).map(Secret::new), OPTIONS);
    }

    private static <T extends Fact> List<T> facts(TargetFacts f, Class<T> kind) {
        return f.facts().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static String config(TargetFacts f, String name) {
        return facts(f, RedisConfig.class).stream().filter(c -> c.name().equals(name)).map(RedisConfig::value)
                .findFirst().orElseThrow(() -> new AssertionError("no config " + name));
    }

    private static String info(TargetFacts f, String field) {
        return facts(f, RedisInfo.class).stream().filter(c -> c.field().equals(field)).map(RedisInfo::value)
                .findFirst().orElseThrow(() -> new AssertionError("no INFO field " + field));
    }

    private static List<CollectionError> errorsBesidesCertificate(TargetFacts f) {
        return f.errors().stream().filter(e -> !e.factKind().equals("TlsCertificate")).toList();
    }

    @Test
    void weakServerFactsShowEveryWeakness() throws Exception {
        TargetFacts f = scan(weak.url(), null);
        assertEquals("127.0.0.1:" + weak.port, f.target().id());
        assertEquals(List.of(), errorsBesidesCertificate(f));
        assertTrue(f.collected().containsAll(REDIS_KINDS), () -> "collected " + f.collected());
        RedisServer server = facts(f, RedisServer.class).get(0);
        assertTrue(server.version().startsWith(server.major() + "." + server.minor()), server.version());
        assertEquals("master", server.role());
        assertEquals(server.version(), f.version());
        assertEquals("no", config(f, "protected-mode"));
        assertEquals("no", config(f, "appendonly"));
        assertEquals("", config(f, "save"));
        assertEquals("", config(f, "requirepass"));
        assertEquals("0", config(f, "maxmemory"));
        // Aliases echoed by CONFIG GET * are left out when their current name is there.
        assertTrue(facts(f, RedisConfig.class).stream().noneMatch(c -> c.name().startsWith("slave")
                || c.name().contains("ziplist")), "echoed aliases are dropped");
        RedisAclUser dflt = facts(f, RedisAclUser.class).get(0);
        assertEquals("default", dflt.name());
        assertTrue(dflt.enabled() && dflt.nopass() && dflt.allCommands());
        assertEquals(List.of("FLUSHALL", "FLUSHDB", "CONFIG", "DEBUG", "KEYS", "SHUTDOWN", "MODULE"),
                dflt.dangerousCommandsAllowed());
        assertEquals("ok", info(f, "rdb_last_bgsave_status"));
        assertEquals("0", info(f, "aof_enabled"));
        assertEquals("0", info(f, "connected_slaves"));
        assertEquals("master", facts(f, RedisRole.class).get(0).role());
        assertTrue(facts(f, RedisLastSave.class).get(0).epochSecond() > 1_600_000_000L);
        TlsState tls = facts(f, TlsState.class).get(0);
        assertFalse(tls.offered());
    }

    @Test
    void hardenedServerScannedAsAdmin() throws Exception {
        TargetFacts f = scan(hardened.url("admin"), ADMIN_PW);
        assertEquals(List.of(), errorsBesidesCertificate(f));
        assertEquals("yes", config(f, "appendonly"));
        assertEquals("everysec", config(f, "appendfsync"));
        assertTrue(config(f, "aclfile").endsWith("users.acl"));
        assertEquals("allkeys-lru", config(f, "maxmemory-policy"));
        assertEquals(64L * 1024 * 1024, facts(f, RedisConfig.class).stream()
                .filter(c -> c.name().equals("maxmemory")).findFirst().orElseThrow().asLong());
        assertEquals("1", info(f, "aof_enabled"));
        List<RedisAclUser> users = facts(f, RedisAclUser.class);
        RedisAclUser dflt = users.stream().filter(RedisAclUser::defaultUser).findFirst().orElseThrow();
        assertFalse(dflt.enabled());
        assertEquals(List.of(), dflt.dangerousCommandsAllowed());
        RedisAclUser admin = users.stream().filter(u -> u.name().equals("admin")).findFirst().orElseThrow();
        assertEquals(1, admin.passwords());
        assertFalse(admin.rules().contains(ADMIN_PW), "no password or hash in the rules text");
        assertFalse(admin.rules().matches(".*#[0-9a-f]{64}.*"), admin.rules());
        RedisAclUser app = users.stream().filter(u -> u.name().equals("app")).findFirst().orElseThrow();
        assertEquals(List.of(), app.dangerousCommandsAllowed(), app.commandRules());
        assertEquals(List.of("~app:*"), app.keyPatterns());
        RedisAclUser ops = users.stream().filter(u -> u.name().equals("ops")).findFirst().orElseThrow();
        assertTrue(ops.dangerousCommandsAllowed().containsAll(List.of("FLUSHDB", "CONFIG", "KEYS")),
                ops.commandRules() + " -> " + ops.dangerousCommandsAllowed());
        assertFalse(ops.dangerousCommandsAllowed().contains("FLUSHALL"));
        assertTrue(f.facts().stream().map(Object::toString).noneMatch(s -> s.contains(ADMIN_PW)));
    }

    @Test
    void leastPrivilegeScannerCollectsEverything() throws Exception {
        TargetFacts f = scan(hardened.url("scanner"), SCANNER_PW);
        assertEquals(List.of(), errorsBesidesCertificate(f));
        assertTrue(f.collected().containsAll(REDIS_KINDS), () -> "collected " + f.collected());
        // Nothing the collector sent was refused: the ACL log has no entry for the scanner.
        try (Jedis admin = new Jedis(new HostAndPort("127.0.0.1", hardened.port),
                DefaultJedisClientConfig.builder().user("admin").password(ADMIN_PW).build())) {
            List<String> denied = admin.aclLog().stream().filter(e -> "scanner".equals(e.getUsername()))
                    .map(e -> e.getReason() + " " + e.getObject()).toList();
            assertEquals(List.of(), denied);
        }
    }

    @Test
    void scannerWithoutConfigGetGetsPrivilegeErrorsForConfigOnly() throws Exception {
        try (Jedis admin = new Jedis(new HostAndPort("127.0.0.1", hardened.port),
                DefaultJedisClientConfig.builder().user("admin").password(ADMIN_PW).build())) {
            admin.aclSetUser("limited", "on", ">limited-Pw-1", "-@all", "+info", "+ping", "+client|setname",
                    "+role", "+lastsave");
        }
        TargetFacts f = scan(hardened.url("limited"), "limited-Pw-1");
        CollectionError config = f.errors().stream().filter(e -> e.factKind().equals("RedisConfig")).findFirst()
                .orElseThrow();
        assertEquals(ErrorReason.PRIVILEGE, config.reason(), config.message());
        CollectionError acl = f.errors().stream().filter(e -> e.factKind().equals("RedisAclUser")).findFirst()
                .orElseThrow();
        assertEquals(ErrorReason.PRIVILEGE, acl.reason(), acl.message());
        assertTrue(f.collected().containsAll(Set.of("RedisServer", "RedisInfo", "RedisRole", "RedisLastSave")));
        assertFalse(f.collected().contains("RedisConfig"));
    }

    @Test
    void primaryAndReplica() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        TargetFacts r = scan(replica.url(), null);
        while (!info(r, "master_link_status").equals("up") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = scan(replica.url(), null);
        }
        assertEquals("up", info(r, "master_link_status"), replica.log());
        assertEquals("slave", facts(r, RedisServer.class).get(0).role());
        RedisRole role = facts(r, RedisRole.class).get(0);
        assertTrue(role.replica());
        assertEquals(primary.port, role.masterPort());
        assertEquals("connected", role.linkState());
        assertEquals("", config(r, "masterauth"));
        assertTrue(Long.parseLong(info(r, "slave_repl_offset")) >= 0);
        assertEquals("127.0.0.1 " + primary.port, config(r, "replicaof"));

        TargetFacts p = scan(primary.url(), null);
        assertEquals("1", info(p, "connected_slaves"));
        List<RedisReplica> replicas = facts(p, RedisReplica.class);
        assertEquals(1, replicas.size());
        assertEquals(replica.port, replicas.get(0).port());
        assertEquals("online", replicas.get(0).state());
        assertTrue(replicas.get(0).lagBytes() >= 0);
        assertEquals(1, facts(p, RedisRole.class).get(0).replicas());
    }

    @Test
    void renamedConfigIsUnsupportedAndTheRestIsCollected() throws Exception {
        TargetFacts f = scan(noConfig.url(), null);
        CollectionError e = f.errors().stream().filter(x -> x.factKind().equals("RedisConfig")).findFirst()
                .orElseThrow(() -> new AssertionError("no RedisConfig error in " + f.errors()));
        assertEquals(ErrorReason.UNSUPPORTED, e.reason(), e.message());
        assertFalse(f.collected().contains("RedisConfig"));
        assertTrue(f.collected().containsAll(Set.of("RedisServer", "RedisInfo", "RedisAclUser", "RedisRole",
                "RedisLastSave")), () -> "collected " + f.collected());
        assertTrue(facts(f, RedisConfig.class).isEmpty());
        assertFalse(facts(f, RedisInfo.class).isEmpty());
    }

    @Test
    void wrongPasswordIsAuthFailedWithoutThePassword() {
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> scan(hardened.url("admin"), WRONG_PW));
        assertEquals(TargetStatus.AUTH_FAILED, e.status(), e.getMessage());
        assertFalse(e.getMessage().contains(WRONG_PW), e.getMessage());
        assertTrue(e.getMessage().contains("admin@127.0.0.1:" + hardened.port), e.getMessage());
    }

    @Test
    void noPasswordOnAServerThatNeedsOneIsAuthFailed() {
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> scan(hardened.url(), null));
        assertEquals(TargetStatus.AUTH_FAILED, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("REDISCLI_AUTH"), e.getMessage());
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port = RedisServerProcess.freePort();
        TargetUnavailableException e = assertThrows(TargetUnavailableException.class,
                () -> scan("redis://127.0.0.1:" + port, null));
        assertEquals(TargetStatus.UNREACHABLE, e.status(), e.getMessage());
    }
}
