package io.dbaudit.reports;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders the report in a real browser: escaping must hold in the DOM, and the CSP must let our own script run. */
class HtmlChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void browserShowsHostileNamesAsTextAndRunsOnlyOurScript(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed at " + CHROMIUM);
        Path html = ReportWriters.write(SampleReports.hostile(), Set.of(ReportFormat.HTML), dir.resolve("out")).get(0);

        String dom = dumpDom(html, dir.resolve("profile"));

        assertTrue(dom.contains("<body>"), "page rendered: " + dom.substring(0, Math.min(300, dom.length())));
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "hostile role shown as text");
        assertFalse(dom.contains("<script>alert(1)"), "no injected script element");
        assertTrue(dom.contains("evil\"; DROP TABLE t; --"), "quote-carrying role shown as text");
        // Our script unhides the expand/collapse buttons: proof it ran under the page's hash-pinned CSP.
        assertTrue(dom.contains("<button type=\"button\" data-toggle=\"open\">Expand all</button>"), "own script ran");
    }

    private static String dumpDom(Path html, Path profile) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(profile.getParent(), "dom", ".html");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()))
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
