package io.dbaudit.reports;

/**
 * Makes collected text safe to show to a human. Names and settings come from the audited server, so they
 * may hold newlines (to fake extra lines), ESC sequences (to repaint a terminal) or bidi overrides (to
 * reorder what a reviewer reads). Those are replaced by a visible escape such as {@code \n} or
 * {@code \u001b} instead of being dropped, so the reviewer sees that the value is odd.
 * This is about what the eye sees; HTML/JSON escaping is still done by the respective encoder.
 */
public final class Printable {

    private Printable() {
    }

    /** For values shown on one line (names, ids, table cells): every control character becomes visible. */
    public static String singleLine(String text) {
        return escape(text, false);
    }

    /** For scripts and explanations shown as blocks: keeps newlines and tabs, escapes every other control. */
    public static String multiLine(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLayout) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (keepLayout && (c == '\n' || c == '\t')) {
                replacement = null;
            } else if (keepLayout && c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                replacement = ""; // CRLF from a Windows-edited file is a plain line break, not an attack
            } else if (c == '\n') {
                replacement = "\\n";
            } else if (c == '\r') {
                replacement = "\\r";
            } else if (c == '\t') {
                replacement = "\\t";
            } else if (isHidden(c)) {
                replacement = String.format("\\u%04x", (int) c);
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0/C1 controls, DEL, bidi embeddings/overrides/isolates, line/paragraph separators, BOM and zero-width chars. */
    private static boolean isHidden(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
    }
}
