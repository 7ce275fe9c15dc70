package io.dbaudit.collectors.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresqlConfParserTest {
    @TempDir
    Path dir;

    private final PostgresqlConfParser parser = new PostgresqlConfParser();

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private List<ConfigEntry> parse(String content) throws Exception {
        return parser.parse(write("postgresql.conf", content));
    }

    private static Map<String, String> values(List<ConfigEntry> entries) {
        return entries.stream().collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value, (a, b) -> b));
    }

    @Test
    void assignmentsWithAndWithoutEqualsCommentsAndCase() throws Exception {
        List<ConfigEntry> e = parse("""
                # comment
                port = 5433   # trailing comment
                Max_Connections 200
                work_mem='64MB'
                	ssl=on
                pgaudit.log = 'ddl, role'
                password_encryption = scram-sha-256
                log_directory = pg_log/sub:dir
                shared_buffers = 4GB
                random_page_cost = 1.1
                vacuum_cost_delay = .5
                statement_timeout = -1
                unix_socket_permissions = 0777
                hex_value = 0x1F
                """);
        Map<String, String> v = values(e);
        assertEquals("5433", v.get("port"));
        assertEquals("200", v.get("max_connections"));
        assertEquals("64MB", v.get("work_mem"));
        assertEquals("on", v.get("ssl"));
        assertEquals("ddl, role", v.get("pgaudit.log"));
        assertEquals("scram-sha-256", v.get("password_encryption"));
        assertEquals("pg_log/sub:dir", v.get("log_directory"));
        assertEquals("4GB", v.get("shared_buffers"));
        assertEquals("1.1", v.get("random_page_cost"));
        assertEquals(".5", v.get("vacuum_cost_delay"));
        assertEquals("-1", v.get("statement_timeout"));
        assertEquals("0777", v.get("unix_socket_permissions"));
        assertEquals("0x1F", v.get("hex_value"));
        assertEquals(2, e.get(0).line());
        assertEquals(3, e.get(1).line());
        assertTrue(e.get(0).file().endsWith("postgresql.conf"));
    }

    @Test
    void quotingAndEscapes() throws Exception {
        Map<String, String> v = values(parse("""
                a = 'it''s'
                b = 'back\\\\slash'
                c = 'quote\\'d'
                d = 'tab\\there\\nnl'
                e = 'not # a comment' # but this is
                f = ''
                g = 'octal\\101\\7'
                h = '%m [%p] %q%u@%d '
                i = 'x\\qy'
                j = ''''
                """));
        assertEquals("it's", v.get("a"));
        assertEquals("back\\slash", v.get("b"));
        assertEquals("quote'd", v.get("c"));
        assertEquals("tab\there\nnl", v.get("d"));
        assertEquals("not # a comment", v.get("e"));
        assertEquals("", v.get("f"));
        assertEquals("octalA\u0007", v.get("g"));
        assertEquals("%m [%p] %q%u@%d ", v.get("h"));
        assertEquals("xqy", v.get("i"));
        assertEquals("'", v.get("j"));
    }

    @Test
    void crlfLineEndingsAndLastLineWithoutNewline() throws Exception {
        Map<String, String> v = values(parse("a = 1\r\nb = 'x'\r\nc = on"));
        assertEquals(Map.of("a", "1", "b", "x", "c", "on"), v);
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        String[] bad = {
                "work_mem = 'unterminated",
                "= 5",
                "work_mem =",
                "work_mem = 1 2",
                "shared_buffers = 1.5GB",
                "a.b.c = 1",
                "name = /abs/path",
                "'quoted' = 1",
                "x == 1",
                "x = 'a' 'b'",
                "x = foo.bar",
        };
        for (String line : bad) {
            Path p = write("bad.conf", "# ok\nport = 5432\n" + line + "\n");
            ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(p), line);
            assertEquals(p.toString() + ":3: ", ex.getMessage().substring(0, p.toString().length() + 4), line);
            assertTrue(ex.getMessage().contains("syntax error"), ex.getMessage());
            assertEquals(3, ex.line());
        }
    }

    @Test
    void laterAssignmentWinsAcrossIncludes() throws Exception {
        write("extra.conf", "work_mem = '8MB'\nport = 6000\n");
        Path main = write("postgresql.conf", """
                work_mem = '4MB'
                include 'extra.conf'
                port = 5432
                """);
        List<ConfigEntry> e = parser.parse(main);
        assertEquals(List.of("work_mem", "work_mem", "port", "port"), e.stream().map(ConfigEntry::name).toList());
        Map<String, String> v = values(e);
        assertEquals("8MB", v.get("work_mem"));
        assertEquals("5432", v.get("port"));
        assertTrue(e.get(1).file().endsWith("extra.conf"));
        assertEquals(1, e.get(1).line());
    }

    @Test
    void includeDirReadsConfFilesInCOrderRelativeToTheIncludingFile() throws Exception {
        write("sub/main.conf", "include_dir 'conf.d'\n");
        write("sub/conf.d/b.conf", "x = b\n");
        write("sub/conf.d/a.conf", "x = a\ny = a\n");
        write("sub/conf.d/B.conf", "x = upperB\n");
        write("sub/conf.d/10-z.conf", "x = ten\n");
        write("sub/conf.d/.hidden.conf", "x = hidden\n");
        write("sub/conf.d/notes.txt", "x = txt\n");
        List<ConfigEntry> e = parser.parse(dir.resolve("sub/main.conf"));
        assertEquals(List.of("ten", "upperB", "a", "a", "b"), e.stream().map(ConfigEntry::value).toList());
        assertEquals("b", values(e).get("x"));
    }

    @Test
    void includeDirectiveNamesAreCaseInsensitiveAndTakeEqualsToo() throws Exception {
        write("x.conf", "a = 1\n");
        Path main = write("postgresql.conf", "INCLUDE = 'x.conf'\nInclude_If_Exists 'nope.conf'\n");
        assertEquals(List.of("a"), parser.parse(main).stream().map(ConfigEntry::name).toList());
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludingLine() throws Exception {
        Path main = write("postgresql.conf", "port = 1\ninclude 'missing.conf'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(main));
        assertTrue(ex.getMessage().startsWith(main + ":2: could not open configuration file"), ex.getMessage());
        assertTrue(ex.getMessage().contains("missing.conf"));
    }

    @Test
    void missingIncludeIfExistsIsFine() throws Exception {
        Path main = write("postgresql.conf", "include_if_exists 'missing.conf'\nport = 1\n");
        assertEquals(1, parser.parse(main).size());
    }

    @Test
    void missingIncludeDirIsAnError() throws Exception {
        Path main = write("postgresql.conf", "include_dir 'nope'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(main));
        assertTrue(ex.getMessage().startsWith(main + ":1: could not open configuration directory"), ex.getMessage());
    }

    @Test
    void errorInAnIncludedFileNamesThatFile() throws Exception {
        Path extra = write("extra.conf", "ok = 1\n\nbroken = = 1\n");
        Path main = write("postgresql.conf", "include 'extra.conf'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(main));
        assertTrue(ex.getMessage().startsWith(extra + ":3: syntax error"), ex.getMessage());
    }

    @Test
    void includeCycleIsReportedWithTheChain() throws Exception {
        Path a = write("a.conf", "include 'b.conf'\n");
        Path b = write("b.conf", "x = 1\ninclude 'a.conf'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(a));
        assertEquals(b + ":2: include cycle: " + a + " -> " + b + " -> " + a, ex.getMessage());
    }

    @Test
    void selfIncludeIsACycle() throws Exception {
        Path a = write("a.conf", "include 'a.conf'\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(a));
        assertTrue(ex.getMessage().contains("include cycle"), ex.getMessage());
    }

    @Test
    void nestingUpToTenLevelsIsAcceptedAndDeeperIsRefused() throws Exception {
        for (int i = 0; i < 10; i++) {
            write("n" + i + ".conf", "v" + i + " = " + i + "\ninclude 'n" + (i + 1) + ".conf'\n");
        }
        write("n10.conf", "last = 10\n");
        assertEquals(11, parser.parse(dir.resolve("n0.conf")).size());

        write("n10.conf", "last = 10\ninclude 'n11.conf'\n");
        write("n11.conf", "deeper = 11\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(dir.resolve("n0.conf")));
        assertTrue(ex.getMessage().startsWith(dir.resolve("n10.conf") + ":2: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("maximum nesting depth exceeded"), ex.getMessage());
    }

    @Test
    void absoluteIncludePathAndEmptyName() throws Exception {
        Path other = write("elsewhere/abs.conf", "a = 1\n");
        Path main = write("postgresql.conf", "include '" + other + "'\n");
        assertEquals(1, parser.parse(main).size());
        Path empty = write("e.conf", "include ''\n");
        ConfigParseException ex = assertThrows(ConfigParseException.class, () -> parser.parse(empty));
        assertTrue(ex.getMessage().startsWith(empty + ":1: empty configuration file name"));
    }

    @Test
    void topLevelFileMissing() {
        ConfigParseException ex = assertThrows(ConfigParseException.class,
                () -> parser.parse(dir.resolve("nope.conf")));
        assertTrue(ex.getMessage().startsWith(dir.resolve("nope.conf") + ": "), ex.getMessage());
    }
}
