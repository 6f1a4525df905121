package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts, no script, nothing fetched),
 * rendered by Pebble with HTML auto-escaping on and strict variables, so a typo in the template fails the
 * render instead of printing nothing.
 */
final class PebbleHtmlReport implements ReportFile {
    static final String TEMPLATE = "report.html.peb";
    private final PebbleTemplate template;

    PebbleHtmlReport() {
        ClasspathLoader loader = new ClasspathLoader(PebbleHtmlReport.class.getClassLoader());
        loader.setPrefix("io/maid/goose/adapter/reports");
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .defaultLocale(Locale.ROOT)
                .build();
        this.template = engine.getTemplate(TEMPLATE);
    }

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            template.evaluate(writer, HtmlView.model(summary, analysis), Locale.ROOT);
        }
    }
}
