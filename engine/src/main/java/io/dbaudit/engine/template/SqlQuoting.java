package io.dbaudit.engine.template;

import java.util.regex.Pattern;

/**
 * PostgreSQL's quoting rules for generated SQL. Collected names are untrusted: every identifier is always
 * double-quoted (never "only when needed"), every literal single-quoted with an E'' form when it contains
 * a backslash, so the output is one token whatever the input.
 */
public final class SqlQuoting {
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private SqlQuoting() {
    }

    /** {@code "name"} with embedded double quotes doubled, as quote_ident does. */
    public static String ident(String name) {
        if (name == null) {
            throw new IllegalArgumentException("identifier is null");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL byte");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'} with quotes doubled; E'...' with backslashes doubled when a backslash occurs. */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL byte");
        }
        String body = value.replace("'", "''");
        if (body.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    /** A GUC name (work_mem, pg_stat_statements.track): refused unless it is a plain dotted name. */
    public static String settingName(String name) {
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("value is not a plain setting name");
        }
        return name;
    }

    private static final Pattern INDEX_DEF = Pattern.compile("CREATE (UNIQUE )?INDEX (\\S.*) ON (\\S.*) USING \\S.*");

    /**
     * An index definition as pg_get_indexdef() prints it, rewritten to build CONCURRENTLY (the rollback of a
     * dropped index). The text comes from the server, which quotes identifiers itself; it is still checked:
     * one line, one statement, the shape pg_get_indexdef produces, and not a partitioned parent (ON ONLY),
     * which cannot be built concurrently.
     */
    public static String concurrentIndexDefinition(String definition) {
        if (definition == null || definition.indexOf('\n') >= 0 || definition.indexOf('\r') >= 0
                || definition.indexOf('\0') >= 0 || definition.indexOf(';') >= 0) {
            throw new IllegalArgumentException("value is not a single index definition");
        }
        String d = definition.strip();
        if (!INDEX_DEF.matcher(d).matches() || d.contains(" ON ONLY ")) {
            throw new IllegalArgumentException("value is not an index definition that can be built concurrently");
        }
        return d.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    /** A number, refused unless it parses: keeps unchecked text out of numeric positions. */
    public static String number(String value) {
        try {
            return new java.math.BigDecimal(value.trim()).toPlainString();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("value is not a number");
        }
    }
}
