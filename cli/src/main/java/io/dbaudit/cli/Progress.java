package io.dbaudit.cli;

import java.io.PrintStream;

/** One progress line on stderr while a fleet is scanned — only on a terminal, and never in CI logs. */
final class Progress {
    private final PrintStream err;
    private final boolean enabled;
    private final int total;
    private int done;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = System.console() != null && System.getenv("CI") == null && total > 1;
    }

    synchronized void finished(String targetId, String status) {
        done++;
        if (enabled) {
            String id = targetId.replaceAll("\\p{Cntrl}", "?");
            err.print("\r\u001b[2K[" + done + "/" + total + "] " + id + ": " + status);
            if (done == total) {
                err.println();
            }
            err.flush();
        }
    }
}
