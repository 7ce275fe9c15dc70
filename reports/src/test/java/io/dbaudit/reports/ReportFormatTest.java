package io.dbaudit.reports;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFormatTest {

    @Test
    void parsesCommaSeparatedNamesIgnoringCaseAndBlanks() {
        assertEquals(EnumSet.of(ReportFormat.JSON, ReportFormat.HTML), ReportFormat.parse("json,html"));
        assertEquals(Set.of(ReportFormat.HTML), ReportFormat.parse(" HTML ,"));
        assertEquals(Set.of(ReportFormat.JSON), ReportFormat.parse("json,json"));
    }

    @Test
    void rejectsUnknownAndEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("json,pdf"));
        assertTrue(e.getMessage().contains("'pdf'") && e.getMessage().contains("json, html"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(" , "));
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse(null));
    }

    @Test
    void fileNamesAreFixed() {
        assertEquals("report.json", ReportFormat.JSON.fileName());
        assertEquals("report.html", ReportFormat.HTML.fileName());
    }
}
