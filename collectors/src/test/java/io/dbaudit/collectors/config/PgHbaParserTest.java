package io.dbaudit.collectors.config;

import io.dbaudit.model.facts.pg.PgHbaEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgHbaParserTest {
    @TempDir
    Path dir;

    private final PgHbaParser parser = new PgHbaParser();

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private List<PgHbaEntry> parse(String content) throws Exception {
        return parser.parse(write("pg_hba.conf", content));
    }

    private PgHbaEntry only(String line) throws Exception {
        List<PgHbaEntry> e = parse(line + "\n");
        assertEquals(1, e.size(), line);
        return e.get(0);
    }

    @Test
    void localAndHostLinesWithCidr() throws Exception {
        List<PgHbaEntry> e = parse("""
                # TYPE  DATABASE  USER  ADDRESS  METHOD

                local   all       postgres          peer
                host    all       all   127.0.0.1/32  scram-sha-256   # loopback
                hostssl app,reports  alice,bob  10.1.0.0/16  scram-sha-256 clientcert=verify-full
                hostnossl all all 192.168.0.0/24 reject
                hostgssenc all all 10.0.0.0/8 gss include_realm=0 krb_realm=EXAMPLE.COM
                hostnogssenc all all 0.0.0.0/0 md5
                """);
        assertEquals(6, e.size());
        PgHbaEntry local = e.get(0);
        assertEquals(3, local.line());
        assertTrue(local.local());
        assertEquals(List.of("all"), local.databases());
        assertEquals(List.of("postgres"), local.users());
        assertNull(local.address());
        assertEquals("peer", local.method());
        assertNull(local.error());
        assertTrue(local.file().endsWith("pg_hba.conf"));

        PgHbaEntry loop = e.get(1);
        assertEquals("127.0.0.1", loop.address());
        assertEquals("255.255.255.255", loop.netmask());
        assertEquals(32, loop.prefixLength());

        PgHbaEntry ssl = e.get(2);
        assertEquals("hostssl", ssl.type());
        assertEquals(List.of("app", "reports"), ssl.databases());
        assertEquals(List.of("alice", "bob"), ssl.users());
        assertEquals("10.1.0.0", ssl.address());
        assertEquals("255.255.0.0", ssl.netmask());
        assertEquals(16, ssl.prefixLength());
        assertEquals(List.of("clientcert=verify-full"), ssl.options());

        assertTrue(e.get(3).rejects());
        assertEquals(24, e.get(3).prefixLength());
        assertEquals(List.of("include_realm=0", "krb_realm=EXAMPLE.COM"), e.get(4).options());
        assertEquals("0.0.0.0", e.get(5).address());
        assertEquals("0.0.0.0", e.get(5).netmask());
        assertEquals(0, e.get(5).prefixLength());
    }

    @Test
    void ipv6CidrAndNetmaskForms() throws Exception {
        PgHbaEntry v6 = only("host all all ::1/128 scram-sha-256");
        assertEquals("::1", v6.address());
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6.netmask());
        assertEquals(128, v6.prefixLength());
        PgHbaEntry any6 = only("host all all ::/0 md5");
        assertEquals("::", any6.address());
        assertEquals("::", any6.netmask());
        assertEquals(0, any6.prefixLength());
        PgHbaEntry net = only("hostssl all all 2001:DB8:0:0::/32 scram-sha-256");
        assertEquals("2001:db8::", net.address());
        assertEquals("ffff:ffff::", net.netmask());
        assertEquals(32, net.prefixLength());
        PgHbaEntry mask = only("host all all 192.168.12.0 255.255.255.0 md5");
        assertEquals("192.168.12.0", mask.address());
        assertEquals("255.255.255.0", mask.netmask());
        assertEquals(24, mask.prefixLength());
        assertEquals("md5", mask.method());
        PgHbaEntry mask6 = only("host all all fe80:: ffff:ffff:ffff:ffff:: md5");
        assertEquals(64, mask6.prefixLength());
        PgHbaEntry mapped = only("host all all ::ffff:10.0.0.1/128 md5");
        assertEquals("::ffff:10.0.0.1", mapped.address());
    }

    @Test
    void addressKeywordsAndHostnames() throws Exception {
        List<PgHbaEntry> e = parse("""
                host all all all scram-sha-256
                host all all samehost scram-sha-256
                host all all samenet scram-sha-256
                host all all .example.com scram-sha-256
                host all all db1.internal scram-sha-256
                host all all localhost trust
                host all all 10.0.0.300 md5
                """);
        assertEquals(List.of("all", "samehost", "samenet", ".example.com", "db1.internal", "localhost",
                "10.0.0.300"), e.stream().map(PgHbaEntry::address).toList());
        for (PgHbaEntry h : e) {
            assertNull(h.error(), h.text());
            if (!h.address().equals("10.0.0.300")) { // the model's prefixLength() takes any digits-and-dots for an IP
                assertEquals(-1, h.prefixLength(), h.address());
            }
            assertNull(h.netmask());
            h.text();
        }
    }

    @Test
    void quotedKeywordsAreNamesAndKeepTheirQuotes() throws Exception {
        List<PgHbaEntry> e = parse("""
                host "all" "all" 10.0.0.0/8 md5
                host all all 10.0.0.0/8 md5
                local "replication","sameuser" "+admins" md5
                local "My Database" "o""brien" md5
                local sameuser,samerole +admins peer
                """);
        assertEquals(List.of("\"all\""), e.get(0).databases());
        assertEquals(List.of("\"all\""), e.get(0).users());
        assertFalse(e.get(0).allDatabases());
        assertFalse(e.get(0).allUsers());
        assertTrue(e.get(1).allDatabases());
        assertTrue(e.get(1).allUsers());
        assertEquals(List.of("\"replication\"", "\"sameuser\""), e.get(2).databases());
        assertEquals(List.of("\"+admins\""), e.get(2).users());
        assertEquals(List.of("My Database"), e.get(3).databases());
        assertEquals(List.of("o\"brien"), e.get(3).users());
        assertEquals(List.of("sameuser", "samerole"), e.get(4).databases());
        assertEquals(List.of("+admins"), e.get(4).users());
    }

    @Test
    void aCommaMustEndATokenToContinueTheList() throws Exception {
        // as hba.c reads it: "a ,b" is two fields, so the line has one field too many for an option
        PgHbaEntry e = only("host app1 ,app2 all 10.0.0.0/8 md5");
        assertEquals("invalid authentication method \"10.0.0.0/8\"", e.error());
    }

    @Test
    void commaListsWithSpacesAndHashInsideQuotes() throws Exception {
        PgHbaEntry e = only("host app1, app2,app3 \"we#ird\",bob 10.0.0.0/8 md5 # comment");
        assertEquals(List.of("app1", "app2", "app3"), e.databases());
        assertEquals(List.of("we#ird", "bob"), e.users());
        assertEquals("md5", e.method());
    }

    @Test
    void atFileListsAreExpandedRelativeToTheHbaFile() throws Exception {
        write("lists/admins", "# admins\nalice, bob\n\"all\"  carol # trailing\n@more\n");
        write("lists/more", "dave\n");
        write("lists/dbs", "app reports\n");
        PgHbaEntry e = only("host @lists/dbs @lists/admins 10.0.0.0/8 scram-sha-256");
        assertEquals(List.of("app", "reports"), e.databases());
        assertEquals(List.of("alice", "bob", "\"all\"", "carol", "dave"), e.users());
        assertFalse(e.allUsers());
        assertNull(e.error());
        PgHbaEntry quoted = only("local \"@lists/dbs\" all peer");
        assertEquals(List.of("\"@lists/dbs\""), quoted.databases());
    }

    @Test
    void missingAtFileMakesTheLineAnError() throws Exception {
        PgHbaEntry e = only("host all @nofile 10.0.0.0/8 md5");
        assertTrue(e.error().contains("could not open file"), e.error());
        assertTrue(e.users().isEmpty());
    }

    @Test
    void invalidLinesAreKeptWithTheirErrorAndTheRestIsRead() throws Exception {
        List<PgHbaEntry> e = parse("""
                hots all all 10.0.0.0/8 md5
                host all
                host all all
                host all all 10.0.0.0/8
                host all all 10.0.0.0/33 md5
                host all all 10.0.0.0/abc md5
                host all all 10.0.0.1 md5
                host all all db.example.com/24 md5
                host all all 10.0.0.0/8 magic
                host all all 10.0.0.0/8 md5 nonsense
                host all all 10.0.0.0/8 md5 frobnicate=1
                host all all 10.0.0.0,10.1.0.0 md5
                host all all 10.0.0.0/8 peer
                host all all 10.0.0.0/8 cert
                local all all
                host all all 1:2:3 md5
                host all all 10.0.0.0 255.255.0.0.0 md5
                host all all 10.0.0.0 ffff:: md5
                host all all 10.0.0.0/8 scram-sha-256
                """);
        assertEquals(19, e.size());
        String[] expected = {"invalid connection type \"hots\"", "end-of-line before role specification",
                "end-of-line before IP address specification", "end-of-line before authentication method",
                "invalid CIDR mask", "invalid CIDR mask", "invalid IP mask \"md5\"",
                "specifying both host name and CIDR mask is invalid",
                "invalid authentication method \"magic\"", "not in name=value format",
                "unrecognized authentication option name", "multiple values specified for host address",
                "peer authentication is only supported on local sockets",
                "cert authentication is only supported on hostssl connections",
                "end-of-line before authentication method", "invalid IP address",
                "invalid IP mask", "IP address and mask do not match"};
        for (int i = 0; i < expected.length; i++) {
            PgHbaEntry entry = e.get(i);
            assertEquals(i + 1, entry.line());
            assertTrue(entry.error() != null && entry.error().contains(expected[i]),
                    "line " + (i + 1) + ": " + entry.error());
            assertTrue(entry.databases().isEmpty());
            assertEquals(-1, entry.prefixLength());
            entry.text(); // never throws for evidence
            entry.location();
        }
        assertNull(e.get(18).error());
    }

    @Test
    void localIdentIsPeerAsTheServerReportsIt() throws Exception {
        assertEquals("peer", only("local all all ident").method());
        assertEquals("ident", only("host all all 10.0.0.0/8 ident map=omicron").method());
    }

    @Test
    void backslashContinuationJoinsLinesAndKeepsTheFirstLineNumber() throws Exception {
        List<PgHbaEntry> e = parse("""
                # comment
                host all \\
                     all \\
                     10.0.0.0/8 md5
                local all all peer
                """);
        assertEquals(2, e.size());
        assertEquals(2, e.get(0).line());
        assertEquals("10.0.0.0", e.get(0).address());
        assertEquals(5, e.get(1).line());
    }

    @Test
    void includeDirectives() throws Exception {
        write("hba.d/20-b.conf", "host all all 10.2.0.0/16 md5\n");
        write("hba.d/10-a.conf", "host all all 10.1.0.0/16 md5\n");
        write("hba.d/readme.txt", "garbage\n");
        Path extra = write("extra.hba", "hostssl all all 10.3.0.0/16 scram-sha-256\n");
        List<PgHbaEntry> e = parse("""
                local all all peer
                include extra.hba
                include_if_exists "missing.hba"
                include_dir hba.d
                host all all 10.9.0.0/16 reject
                """);
        assertEquals(List.of("local", "hostssl", "host", "host", "host"), e.stream().map(PgHbaEntry::type).toList());
        assertEquals(extra.toString(), e.get(1).file());
        assertEquals(1, e.get(1).line());
        assertEquals("10.1.0.0", e.get(2).address());
        assertEquals("10.2.0.0", e.get(3).address());
        assertEquals(5, e.get(4).line());
    }

    @Test
    void missingIncludeIsAParseErrorNamingTheLine() throws Exception {
        Path hba = write("pg_hba.conf", "local all all peer\ninclude nothere.conf\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(hba));
        assertTrue(ex.getMessage().startsWith(hba + ":2: could not open file"), ex.getMessage());
    }

    @Test
    void includeCycleInHba() throws Exception {
        Path a = write("a.conf", "include b.conf\n");
        write("b.conf", "include a.conf\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(a));
        assertTrue(ex.getMessage().contains("include cycle"), ex.getMessage());
    }

    @Test
    void quotedIncludeKeywordIsNotADirective() throws Exception {
        PgHbaEntry e = only("\"include\" foo");
        assertTrue(e.error().contains("invalid connection type"), e.error());
    }
}
