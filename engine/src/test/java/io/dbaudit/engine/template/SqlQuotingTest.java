package io.dbaudit.engine.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlQuotingTest {
    @Test
    void hostileRoleNameIsOneQuotedIdentifier() {
        assertEquals("\"evil\"\"; DROP TABLE t; --\"", SqlQuoting.ident("evil\"; DROP TABLE t; --"));
    }

    @Test
    void plainNamesAreQuotedToo() {
        assertEquals("\"app\"", SqlQuoting.ident("app"));
        assertEquals("\"Mixed Case\"", SqlQuoting.ident("Mixed Case"));
    }

    @Test
    void literalsDoubleQuotesAndUseEscapeFormForBackslashes() {
        assertEquals("'it''s'", SqlQuoting.literal("it's"));
        assertEquals("E'a\\\\b'", SqlQuoting.literal("a\\b"));
        assertEquals("NULL", SqlQuoting.literal(null));
    }

    @Test
    void nulBytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqlQuoting.ident("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> SqlQuoting.literal("a\0b"));
    }

    @Test
    void settingNamesAndNumbersAreValidatedNotQuoted() {
        assertEquals("pg_stat_statements.track", SqlQuoting.settingName("pg_stat_statements.track"));
        assertThrows(IllegalArgumentException.class, () -> SqlQuoting.settingName("work_mem; DROP"));
        assertEquals("42", SqlQuoting.number(" 42 "));
        assertThrows(IllegalArgumentException.class, () -> SqlQuoting.number("1; DROP"));
    }

    @Test
    void refusedValuesAreNotEchoedInErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> SqlQuoting.number("secret\nvalue"));
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void templateAppliesFiltersAndParameters() {
        Template t = new Template("ALTER ROLE {{ident:role}} CONNECTION LIMIT {{number:limit}}; -- {{note}}");
        assertEquals("ALTER ROLE \"a\"\"b\" CONNECTION LIMIT 5; -- x",
                t.render(Map.of("role", "a\"b", "limit", "5", "note", "x")));
        assertThrows(TemplateException.class, () -> t.render(Map.of("role", "a")));
        assertThrows(TemplateException.class, () -> new Template("{{shout:x}}").render(Map.of("x", "y")));
    }

    @Test
    void indexDefinitionsBecomeConcurrentAndAnythingElseIsRefused() {
        assertEquals("CREATE UNIQUE INDEX CONCURRENTLY \"i x\" ON public.t USING btree (a) WHERE (b > 0)",
                SqlQuoting.concurrentIndexDefinition("CREATE UNIQUE INDEX \"i x\" ON public.t USING btree (a) WHERE (b > 0)"));
        assertThrows(IllegalArgumentException.class,
                () -> SqlQuoting.concurrentIndexDefinition("CREATE INDEX i ON t USING btree (a); DROP TABLE t"));
        assertThrows(IllegalArgumentException.class,
                () -> SqlQuoting.concurrentIndexDefinition("CREATE INDEX i ON ONLY p USING btree (a)"));
        assertThrows(IllegalArgumentException.class, () -> SqlQuoting.concurrentIndexDefinition("DROP TABLE t"));
    }

    @Test
    void redisAndJsonQuotingKeepHostileValuesOneToken() {
        assertEquals("\"a\\\"b\\x0a\"", OtherQuoting.redisArgument("a\"b\n"));
        assertEquals("\"x\\\"); db.dropDatabase(); (\"", OtherQuoting.jsonString("x\"); db.dropDatabase(); ("));
        assertEquals("\"\\u003cscript>\\n\"", OtherQuoting.jsonString("<script>\n"));
    }
}
