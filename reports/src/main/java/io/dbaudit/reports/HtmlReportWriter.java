package io.dbaudit.reports;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.dbaudit.model.result.ScanReport;
import io.dbaudit.reports.html.HtmlView;
import io.dbaudit.reports.html.HtmlViewBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;

/**
 * Renders the report as one self-contained HTML file from {@code report.ftlh}. Every collected string is
 * escaped by the template's HTML output format. As a second line of defence the page carries a
 * Content-Security-Policy that forbids all loads and allows only our own inline style and script, pinned
 * by hash — so even a string that slipped through escaping could neither run script nor call home.
 */
public final class HtmlReportWriter {

    private static final String BASE = "/io/dbaudit/reports/";
    private static final Configuration FREEMARKER = configuration();
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    public Path write(ScanReport report, Path file) throws IOException {
        Objects.requireNonNull(report, "report");
        return AtomicFiles.write(file, out -> write(report, out));
    }

    public void write(ScanReport report, Writer out) throws IOException {
        HtmlView view = HtmlViewBuilder.build(report);
        try {
            Template template = FREEMARKER.getTemplate("report.ftlh");
            template.process(Map.of(
                    "view", view,
                    // Our own static assets, marked as markup so the template needs no ?no_esc at all.
                    "css", HTMLOutputFormat.INSTANCE.fromMarkup(CSS),
                    "js", HTMLOutputFormat.INSTANCE.fromMarkup(JS),
                    "csp", csp()), out);
        } catch (TemplateException e) {
            throw new IOException("HTML report template failed: " + e.getMessage(), e);
        }
    }

    public String toHtml(ScanReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String csp() {
        return "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '" + sha256(JS) + "'; "
                + "img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(HtmlReportWriter.class, BASE);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        // .ftlh is recognised by name, but pin it: escaping must not depend on a file-name convention.
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        return cfg;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
