package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    @TempDir
    Path dir;

    private String render(Analysis analysis) throws IOException {
        Path folder = Reports.write(dir, SampleRuns.summary(ReportFormat.HTML), analysis);
        return Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);
    }

    private static int count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void thePageHasAtLeastFourInlineSvgChartsWithPhaseBands() throws IOException {
        String html = render(null);

        assertTrue(count(html, "<svg") >= 4, "svg charts: " + count(html, "<svg"));
        assertTrue(count(html, "<polyline") >= 4);
        assertTrue(count(html, "class=\"band\"") >= 4 * 4, "four phase bands per chart");
        for (String title : List.of("Throughput", "Latency", "Active users", "Errors")) {
            assertTrue(html.contains("<title>" + title + "</title>"), title);
        }
    }

    @Test
    void aHostileScenarioOrTransactionNameRendersAsText() throws IOException {
        String html = render(null);

        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element may appear");
        assertFalse(html.contains("<b>more</b>"));
        assertTrue(html.contains("browse &quot;catalog&quot; &amp; &lt;b&gt;more&lt;/b&gt;"));
    }

    @Test
    void thePageReferencesNoExternalResource() throws IOException {
        String html = render(SampleRuns.analysis());
        String withoutTarget = html.replace(SampleRuns.TARGET, "");

        assertFalse(withoutTarget.contains("http://"), "http:// reference");
        assertFalse(withoutTarget.contains("https://"), "https:// reference");
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<link"));
        assertFalse(lower.contains("src="));
        assertFalse(lower.contains("@import"));
        assertFalse(lower.contains("url("));
        assertFalse(lower.contains("href="));
    }

    @Test
    void theHeaderShowsTheRunAndItsPhases() throws IOException {
        String html = render(null);

        assertTrue(html.contains(SampleRuns.RUN_ID));
        assertTrue(html.contains(SampleRuns.TARGET));
        assertTrue(html.contains(">completed<"));
        assertTrue(html.contains("4 users/s"));
        assertTrue(html.contains("random"));
        assertTrue(html.contains("(seed 42)"));
        for (String phase : List.of("increase", "maintain", "decrease", "shutdown")) {
            assertTrue(html.contains("<span class=\"phase-dot\"></span>" + phase + "</td>"), phase);
        }
    }

    @Test
    void theStatusCodeAndErrorTablesListEveryKind() throws IOException {
        String html = render(null);

        assertTrue(html.contains("<td class=\"code\">500</td>"));
        assertTrue(html.contains("<td class=\"code\">200</td>"));
        assertTrue(html.contains("<td class=\"mono\">unexpected_status</td>"));
        assertTrue(html.contains("<td class=\"mono\">connect_timeout</td>"));
    }

    @Test
    void withoutAnAnalysisAMutedNoteIsShown() throws IOException {
        assertTrue(render(null).contains("No AI analysis for this run."));
    }

    @Test
    void anAnalysisIsRenderedEscapedWithOnlyKnownSeverityClasses() throws IOException {
        Analysis hostile = new Analysis("Summary with " + SampleRuns.HOSTILE,
                List.of(new Bottleneck("<img src=x onerror=alert(1)>", "evidence <i>", "high"),
                        new Bottleneck("odd", "e", "\" onmouseover=\"alert(1)")),
                List.of("Do <u>this</u>"));
        String html = render(hostile);

        assertFalse(html.contains("No AI analysis for this run."));
        assertTrue(html.contains("Summary with &lt;script&gt;"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("finding sev-high"));
        assertTrue(html.contains("finding sev-unknown"));
        assertFalse(html.contains("onmouseover=\"alert"));
        assertTrue(html.contains("<li>Do &lt;u&gt;this&lt;/u&gt;</li>"));
    }

    @Test
    void rawAndCorrectedPercentilesAppearSideBySide() throws IOException {
        String html = render(null);

        assertTrue(html.contains("Latency from actual send (ms)"));
        assertTrue(html.contains("CO-corrected, from intended start (ms)"));
        assertEquals(3, count(html, "<table class=\"stats\">"));
    }

    @Test
    void aFailedRunShowsItsReason() throws IOException {
        var s = SampleRuns.summary(ReportFormat.HTML);
        var failed = new io.maid.goose.domain.RunSummary(s.runId(), io.maid.goose.domain.RunState.FAILED, s.startedAt(),
                s.endedAt(), s.durationSeconds(), s.plannedSeconds(), s.config(), s.phases(), s.requests(), s.transactions(),
                s.scenarios(), s.total(), s.timeline(), 0, null, null, "target <unreachable>");
        Path folder = Reports.write(dir, failed, null);
        String html = Files.readString(folder.resolve("report.html"));

        assertTrue(html.contains("target &lt;unreachable&gt;"));
        assertTrue(html.contains("badge bad"));
    }
}
