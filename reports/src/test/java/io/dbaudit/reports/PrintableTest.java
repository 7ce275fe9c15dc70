package io.dbaudit.reports;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableTest {

    @Test
    void singleLineShowsLineBreaksAndControlsAsEscapes() {
        assertEquals("a\\nb\\r\\tc", Printable.singleLine("a\nb\r\tc"));
        assertEquals("\\u001b[31mred", Printable.singleLine("\u001b[31mred"));
        assertEquals("x\\u202ey", Printable.singleLine("x\u202ey"), "bidi override made visible");
        assertEquals("\\u007f\\u0085", Printable.singleLine("\u007f\u0085"));
    }

    @Test
    void multiLineKeepsLayoutOnly() {
        assertEquals("ALTER ROLE x;\n\tGRANT y;\n", Printable.multiLine("ALTER ROLE x;\r\n\tGRANT y;\n"));
        assertEquals("a\\u001bb\\rc", Printable.multiLine("a\u001bb\rc"));
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String text = "role app (ünïcødé) \uD83D\uDE00";
        assertSame(text, Printable.singleLine(text));
        assertNull(Printable.singleLine(null));
    }
}
