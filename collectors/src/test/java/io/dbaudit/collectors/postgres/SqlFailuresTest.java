package io.dbaudit.collectors.postgres;

import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlFailuresTest {

    @Test
    void sqlStatesMapToReasons() {
        assertEquals(ErrorReason.PRIVILEGE, SqlFailures.reason(new SQLException("permission denied", "42501")));
        assertEquals(ErrorReason.TIMEOUT, SqlFailures.reason(new SQLException("canceling statement", "57014")));
        assertEquals(ErrorReason.UNSUPPORTED, SqlFailures.reason(new SQLException("no such view", "42P01")));
        assertEquals(ErrorReason.UNREACHABLE, SqlFailures.reason(new SQLException("I/O error", "08006")));
        assertEquals(ErrorReason.ERROR, SqlFailures.reason(new SQLException("division by zero", "22012")));
        assertEquals(ErrorReason.ERROR, SqlFailures.reason(new SQLException("no state")));
    }

    @Test
    void messagesNeverCarryThePassword() {
        SQLException e = new SQLException("oops near 'hunter2'", "XX000");
        assertEquals("oops near '******'", SqlFailures.message(e, Optional.of(new Secret("hunter2"))));
        assertEquals("oops near 'hunter2'", SqlFailures.message(e, Optional.empty()));
    }
}
