package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.config.ConfigParseException;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.mongo.MongoOption;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongodConfParserTest {
    private static final String SECRET = "planted-Secret-42";

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(MongodConfParserTest.class.getResource("/config/mongo/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> options(TargetFacts facts) {
        return facts.facts().stream().filter(MongoOption.class::isInstance).map(MongoOption.class::cast)
                .collect(Collectors.toMap(MongoOption::path, MongoOption::value, (a, b) -> a, TreeMap::new));
    }

    private TargetFacts parse(String text) throws Exception {
        Path f = dir.resolve("mongod.conf");
        Files.writeString(f, text);
        return MongodConfParser.parse(f);
    }

    private ConfigParseException refused(String text) throws Exception {
        Path f = dir.resolve("mongod.conf");
        Files.writeString(f, text);
        return assertThrows(ConfigParseException.class, () -> MongodConfParser.parse(f));
    }

    @Test
    void stockMongodConf() throws Exception {
        Path file = resource("mongod.conf");
        TargetFacts facts = MongodConfParser.parse(file);
        assertEquals("file:" + file.toAbsolutePath().normalize(), facts.target().id());
        assertEquals(EngineKind.MONGODB, facts.target().engine());
        assertTrue(facts.target().fromConfigFiles());
        assertEquals(Set.of("MongoOption"), facts.collected());
        Map<String, String> expected = new TreeMap<>(Map.of(
                "config", file.toAbsolutePath().normalize().toString(),
                "storage.dbPath", "/var/lib/mongodb",
                "systemLog.destination", "file",
                "systemLog.logAppend", "true",
                "systemLog.path", "/var/log/mongodb/mongod.log",
                "net.port", "27017",
                "net.bindIp", "127.0.0.1",
                "processManagement.timeZoneInfo", "/usr/share/zoneinfo"));
        assertEquals(expected, options(facts));
    }

    /** The same configuration as getCmdLineOpts would return it, flattened by the live collector's code. */
    @Test
    void sameFactsAsTheLiveFlattening() throws Exception {
        Path file = resource("mongod-hardened.conf");
        Map<String, String> parsed = options(MongodConfParser.parse(file));
        Document cmdLineOpts = Document.parse("""
                {"argv": ["mongod", "--config", "/etc/mongod.conf"], "parsed": {
                  "auditLog": {"destination": "file", "format": "JSON", "path": "/var/log/mongodb/audit.json"},
                  "config": "%s",
                  "net": {"bindIp": "10.0.0.5,localhost", "compression": {"compressors": ["snappy", "zstd"]},
                          "ipv6": true, "maxIncomingConnections": 20000, "port": 27018,
                          "tls": {"CAFile": "/etc/ssl/ca.pem", "certificateKeyFile": "/etc/ssl/mongodb.pem",
                                  "certificateKeyFilePassword": "set", "disabledProtocols": "TLS1_0,TLS1_1",
                                  "mode": "requireTLS"}},
                  "operationProfiling": {"mode": "slowOp", "slowOpThresholdMs": 100},
                  "replication": {"oplogSizeMB": 10240, "replSetName": "rs0"},
                  "security": {"authorization": "enabled", "javascriptEnabled": false, "keyFile": "/etc/mongodb/keyfile",
                               "ldap": {"bind": {"method": "simple", "queryPassword": "set",
                                                 "queryUser": "cn=mongo,dc=example,dc=com"},
                                        "servers": "ldap.example.com"}},
                  "setParameter": {"authenticationMechanisms": "SCRAM-SHA-256", "enableLocalhostAuthBypass": "false"},
                  "storage": {"dbPath": "/data/db", "wiredTiger": {"collectionConfig": {"blockCompressor": "snappy"},
                              "engineConfig": {"cacheSizeGB": 2.5, "journalCompressor": "zstd"}}},
                  "systemLog": {"destination": "file", "logAppend": true, "path": "/var/log/mongodb/mongod.log",
                                "verbosity": 0}}, "ok": 1.0}
                """.formatted(file.toAbsolutePath().normalize()));
        Map<String, String> live = MongoReads.options(cmdLineOpts).stream()
                .collect(Collectors.toMap(MongoOption::path, MongoOption::value, (a, b) -> a, TreeMap::new));
        assertEquals(live, parsed);
        assertEquals("set", parsed.get("net.tls.certificateKeyFilePassword"));
        assertEquals("set", parsed.get("security.ldap.bind.queryPassword"));
    }

    @Test
    void secretsNeverCopied() throws Exception {
        TargetFacts facts = MongodConfParser.parse(resource("mongod-hardened.conf"));
        assertFalse(facts.toString().contains(SECRET), facts.toString());
        assertEquals("", options(parse("net:\n  tls:\n    certificateKeyFilePassword: ''\n"))
                .get("net.tls.certificateKeyFilePassword"));
        ConfigParseException e = refused("security:\n  ldap:\n    bind:\n      queryPassword: \"" + SECRET + "\n");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        ConfigParseException dup = refused("net:\n  tls:\n    clusterPassword: " + SECRET + "\n    clusterPassword: "
                + SECRET + "\n");
        assertFalse(dup.getMessage().contains(SECRET), dup.getMessage());
        assertTrue(dup.getMessage().contains("mongod.conf:4: duplicate key net.tls.clusterPassword"), dup.getMessage());
    }

    @Test
    void pathsAndValuesAsTheLiveCollectorSpellsThem() throws Exception {
        Map<String, String> o = options(parse("""
                net.port: 27019
                security: {authorization: disabled}
                storage:
                  journal:
                    enabled: yes
                  wiredTiger.engineConfig.cacheSizeGB: 4.0
                net:
                  bindIpAll: true
                  compression:
                    compressors:
                      - zlib
                      - zstd
                processManagement:
                replication:
                  oplogSizeMB: 1_024
                """));
        assertEquals("27019", o.get("net.port"));
        assertEquals("disabled", o.get("security.authorization"));
        assertEquals("true", o.get("storage.journal.enabled"));
        assertEquals("4", o.get("storage.wiredTiger.engineConfig.cacheSizeGB"));
        assertEquals("true", o.get("net.bindIpAll"));
        assertEquals("zlib,zstd", o.get("net.compression.compressors"));
        assertFalse(o.containsKey("processManagement"), "an empty section sets nothing");
        assertEquals("1024", o.get("replication.oplogSizeMB"));
        assertEquals(List.of("config"), List.copyOf(options(parse("# nothing set\n")).keySet()));
    }

    @Test
    void malformedFilesNameFileAndLine() throws Exception {
        ConfigParseException ini = refused("# legacy\n\ndbpath = /var/lib/mongodb\nbind_ip = 127.0.0.1\n");
        assertEquals(dir.resolve("mongod.conf") + ":3: legacy INI config files are not supported; convert to YAML",
                ini.getMessage());
        assertTrue(refused("fork=true\n").getMessage().endsWith(":1: legacy INI config files are not supported;"
                + " convert to YAML"));

        ConfigParseException tab = refused("net:\n  port: 27017\n\tbindIp: 0.0.0.0\n");
        assertTrue(tab.getMessage().matches(".*mongod\\.conf:3: invalid YAML at column \\d+: .+"), tab.getMessage());

        ConfigParseException indent = refused("net:\n  port: 27017\n bindIp: x\n");
        assertTrue(indent.getMessage().matches(".*mongod\\.conf:\\d+: invalid YAML.*"), indent.getMessage());

        ConfigParseException dup = refused("net:\n  port: 1\nstorage:\n  dbPath: /d\nnet.port: 2\n");
        assertTrue(dup.getMessage().contains("mongod.conf:5: duplicate key net.port (first on line 2)"), dup.getMessage());

        ConfigParseException list = refused("- a\n- b\n");
        assertTrue(list.getMessage().contains("mongod.conf:1: expected a mapping"), list.getMessage());

        Files.write(dir.resolve("mongod.conf"), new byte[]{'n', 'e', 't', ':', '\n', ' ', ' ', 'x', ':', ' ', (byte) 0xff, '\n'});
        ConfigParseException utf = assertThrows(ConfigParseException.class,
                () -> MongodConfParser.parse(dir.resolve("mongod.conf")));
        assertTrue(utf.getMessage().endsWith("mongod.conf:2: not valid UTF-8"), utf.getMessage());

        ConfigParseException none = assertThrows(ConfigParseException.class,
                () -> MongodConfParser.parse(dir.resolve("absent.conf")));
        assertEquals(dir.resolve("absent.conf") + ": no such file", none.getMessage());
        for (ConfigParseException e : List.of(ini, tab, indent, dup, list)) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
