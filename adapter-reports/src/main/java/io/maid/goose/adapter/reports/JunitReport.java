package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Checks;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code report.junit.xml}: the run's thresholds as a JUnit XML report, the format Jenkins, GitLab and most CI
 * systems read. One {@code <testsuite>} for the run ({@code name} "goose run &lt;run_id&gt;", {@code time} the
 * run's length, {@code timestamp} its start, {@code properties} with the run id, target, status and verdict),
 * one {@code <testcase>} per threshold, in config order, named by its rule ({@code latency_p95_ms < 300}) with
 * the scope as its {@code classname} ({@code goose.thresholds.total}); a failed threshold has a
 * {@code <failure type="threshold">} whose message says the observed value and the limit. A run that failed for
 * another reason than a threshold adds a testcase {@code run} with an {@code <error>} carrying the reason, so
 * that a broken run never shows green. Written with StAX, so every name and value is escaped by the writer.
 */
final class JunitReport implements ReportFile {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public String fileName() {
        return "report.junit.xml";
    }

    @Override
    public void render(RunSummary s, Analysis analysis, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            x.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            newline(x, 0);
            boolean runError = s.state() == RunState.FAILED && !s.abortedByThreshold();
            long failures = s.thresholds().stream().filter(r -> !r.passed()).count();
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "goose run " + s.runId());
            x.writeAttribute("tests", Long.toString(s.thresholds().size() + (runError ? 1 : 0)));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", runError ? "1" : "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(s.durationSeconds()));
            if (s.startedAt() != null) {
                x.writeAttribute("timestamp", TIMESTAMP.format(s.startedAt().truncatedTo(ChronoUnit.SECONDS)));
            }
            properties(x, s);
            for (ThresholdResult r : s.thresholds()) {
                testcase(x, r);
            }
            if (runError) {
                newline(x, 1);
                x.writeStartElement("testcase");
                x.writeAttribute("name", "run");
                x.writeAttribute("classname", "goose.run");
                x.writeAttribute("time", seconds(s.durationSeconds()));
                newline(x, 2);
                x.writeStartElement("error");
                x.writeAttribute("type", "run_failed");
                x.writeAttribute("message", s.failureReason() == null ? "the run failed" : s.failureReason());
                x.writeEndElement();
                newline(x, 1);
                x.writeEndElement();
            }
            newline(x, 0);
            x.writeEndElement();
            newline(x, 0);
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("writing report.junit.xml failed: " + e.getMessage(), e);
        }
    }

    private static void properties(XMLStreamWriter x, RunSummary s) throws XMLStreamException {
        newline(x, 1);
        x.writeStartElement("properties");
        property(x, "run_id", s.runId());
        property(x, "target", s.config().targetBaseUrl().toString());
        property(x, "status", s.state().wireName());
        property(x, "verdict", s.verdict().wireName());
        newline(x, 1);
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        newline(x, 2);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter x, ThresholdResult r) throws XMLStreamException {
        Threshold t = r.threshold();
        newline(x, 1);
        x.writeStartElement("testcase");
        x.writeAttribute("name", t.metric().wireName() + " " + t.comparator().symbol() + " " + Checks.fmt(t.limit()));
        x.writeAttribute("classname", "goose.thresholds." + t.scope().wireName());
        x.writeAttribute("time", "0");
        if (!r.passed()) {
            newline(x, 2);
            x.writeStartElement("failure");
            x.writeAttribute("type", "threshold");
            x.writeAttribute("message", "observed " + r.describeObserved() + ", which is not "
                    + t.comparator().symbol() + " " + Checks.fmt(t.limit()) + " " + t.metric().unit());
            x.writeCharacters(t.describe() + (t.abortOnFail() ? " (abort_on_fail)" : "") + ": observed "
                    + r.describeObserved());
            x.writeEndElement();
            newline(x, 1);
        }
        x.writeEndElement();
    }

    private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
