package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.SkipStats;
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

    /** The SVG of the chart titled {@code title}. */
    private static String chart(String html, String title) {
        int start = html.lastIndexOf("<svg", html.indexOf("<title>" + title + "</title>"));
        assertTrue(start >= 0, "no chart " + title);
        return html.substring(start, html.indexOf("</svg>", start));
    }

    @Test
    void theLatencyDistributionIsDrawnFromTheHistogramsOnAnAxisOfNines() throws IOException {
        String svg = chart(render(null), "Latency distribution");

        for (String tick : List.of(">0%<", ">90%<", ">99%<", ">99.9%<", ">99.99%<")) {
            assertTrue(svg.contains(tick), tick + " tick");
        }
        assertFalse(svg.contains(">99.999%<"), "5,000 samples tell four nines apart, not five");
        assertTrue(svg.contains("<title>successful requests</title></polyline>"));
        assertTrue(svg.contains("<title>all, CO-corrected</title></polyline>"));
        assertFalse(svg.contains("no samples"));
    }

    @Test
    void withoutHistogramsTheDistributionSaysThereIsNone() throws IOException {
        var s = SampleRuns.summary(ReportFormat.HTML);
        var none = new io.maid.goose.domain.RunSummary(s.runId(), s.state(), s.startedAt(), s.endedAt(),
                s.durationSeconds(), s.plannedSeconds(), s.config(), s.phases(), s.requests(), s.transactions(),
                s.scenarios(), s.total(), s.timeline(), 0, null, null, null, s.keyTimelines());
        String html = Files.readString(Reports.write(dir, none, null).resolve("report.html"));

        assertTrue(chart(html, "Latency distribution").contains("no samples"));
        assertTrue(html.contains("No successful request was measured."));
    }

    @Test
    void theP95ChartHasALinePerRequestKeyWithGapsWhereAKeyHadNoRequest() throws IOException {
        String svg = chart(render(null), "p95 latency per request");

        assertTrue(svg.contains("<title>GET checkout/get-root</title></polyline>"));
        assertTrue(svg.contains("<title>POST checkout/&lt;script&gt;alert(1)&lt;/script&gt;</title></polyline>"));
        assertTrue(svg.contains("<title>GET browse &quot;catalog&quot; &amp; &lt;b&gt;more&lt;/b&gt;/list</title></polyline>"));
        // the last two seconds have no requests: each line ends at 18 s instead of dropping to 0 at 19 and 20
        assertEquals(3, count(svg, "<polyline"), "one unbroken line per key");
    }

    @Test
    void statusCodesArePerRequestKeyWithTheTotalLast() throws IOException {
        String html = render(null);
        int table = html.indexOf("<table class=\"status-by-request\">");
        String section = html.substring(table, html.indexOf("</table>", table));

        assertTrue(section.contains("<th class=\"num code-2xx\"><span class=\"code\">200</span></th>"));
        assertTrue(section.contains("<th class=\"num code-5xx\"><span class=\"code\">500</span></th>"));
        assertTrue(section.contains("<td class=\"name\">POST checkout/&lt;script&gt;alert(1)&lt;/script&gt;</td>"
                + "<td class=\"num\">553</td><td class=\"num\">15</td>"), section);
        assertTrue(section.contains("<td class=\"name\">GET checkout/get-root</td><td class=\"num\">852</td>"
                + "<td class=\"num\">—</td>"), section);
        assertTrue(section.contains("<tfoot><tr><td class=\"name\">Total</td>"));
    }

    @Test
    void theErrorTableShowsEachKeysFailuresByKindWithTheirSampleMessagesEscaped() throws IOException {
        String html = render(null);
        int table = html.indexOf("<table class=\"errors\">");
        String section = html.substring(table, html.indexOf("</table>", table));

        assertTrue(section.contains("<code>HTTP 500: &lt;script&gt;alert(1)&lt;/script&gt;</code><code>HTTP 500</code>"),
                section);
        assertTrue(section.contains("<code>connect timed out after 30 s</code>"));
        assertTrue(section.contains("<span class=\"mono\">unexpected_status</span>"));
        assertTrue(section.contains("<td class=\"num\">15</td><td class=\"num\">2.64%</td>"), section);
        assertEquals(2, count(section, "<tr><td class=\"name\">"), "one row per key and kind that failed");
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

    /** The sample run as a flow: two checks (one with a hostile name) and requests skipped for two reasons. */
    private String renderFlow() throws IOException {
        var s = SampleRuns.summary(ReportFormat.HTML);
        var flow = new io.maid.goose.domain.RunSummary(s.runId(), s.state(), s.startedAt(), s.endedAt(),
                s.durationSeconds(), s.plannedSeconds(), s.config(), s.phases(), s.requests(), s.transactions(),
                s.scenarios(), s.total(), s.timeline(), s.abandonedRequests(), s.histograms(), s.schedulerSeed(),
                s.failureReason(), s.keyTimelines(),
                List.of(new CheckStats("checkout", "login", "status in [200]", 20, 0),
                        new CheckStats("checkout", "pay", SampleRuns.HOSTILE, 1_140, 60)),
                List.of(new SkipStats("checkout", "pay", "unset_variable:token", 7),
                        new SkipStats("checkout", "login", "data_exhausted", 2),
                        new SkipStats("checkout", "logout", "unset_variable:token", 1)));
        return Files.readString(Reports.write(dir, flow, null).resolve("report.html"), StandardCharsets.UTF_8);
    }

    /** The rows of the table with class {@code table}, as text with the tags removed and cells split by |. */
    private static List<String> rows(String html, String table) {
        int start = html.indexOf("<table class=\"" + table + "\">");
        assertTrue(start >= 0, "no table " + table);
        String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        return Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body).results()
                .map(m -> m.group(1).replaceAll("</td>\\s*<td[^>]*>", "|").replaceAll("<[^>]+>", "").trim()).toList();
    }

    @Test
    void theChecksTableHasEachChecksPassesFailuresAndFailShare() throws IOException {
        String html = renderFlow();

        assertTrue(html.contains("60 of 1,220 evaluations failed (4.92%)"), "the heading sums the checks");
        assertEquals(List.of("checkout/login|status in [200]|20|0|0.00%",
                "checkout/pay|&lt;script&gt;alert(1)&lt;/script&gt;|1,140|60|5.00%"), rows(html, "checks"));
        assertFalse(html.contains(SampleRuns.HOSTILE), "a check's name is escaped");
        assertTrue(html.contains("<span class=\"rate bad\">5.00%</span>"), "5 % and more is marked bad");
    }

    @Test
    void theSkippedRequestsAreListedByReasonThenPerTransaction() throws IOException {
        String html = renderFlow();

        assertTrue(html.contains("10 not sent because they could not be made"));
        List<String> reasons = rows(html, "skip-reasons");
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("data_exhausted|a unique feeder had no row left") && reasons.get(0).endsWith("|2"),
                reasons.get(0));
        assertTrue(reasons.get(1).startsWith("unset_variable:token|a template used the variable &#39;token&#39;")
                && reasons.get(1).endsWith("|8"), reasons.get(1));
        assertEquals(List.of("checkout/pay|unset_variable:token|7", "checkout/login|data_exhausted|2",
                "checkout/logout|unset_variable:token|1"), rows(html, "skips"));
    }

    @Test
    void aRunWithoutChecksOrSkipsHasNeitherSection() throws IOException {
        String html = render(null);

        assertFalse(html.contains("id=\"checks\""));
        assertFalse(html.contains("id=\"skipped\""));
    }

    @Test
    void aRunOverHttpsShowsItsHandshakeCountAndTimes() throws IOException {
        Path folder = Reports.write(dir, SampleRuns.overHttps(SampleRuns.summary(ReportFormat.HTML)), null);
        String html = Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);
        int section = html.indexOf("id=\"tls-handshakes\"");

        assertTrue(section > 0, "the section is there");
        String table = html.substring(section, html.indexOf("</table>", section));
        assertTrue(table.contains("<td class=\"num\">31</td>"), table);
        assertTrue(table.contains("<td class=\"num\">1.90</td>"), "p50: " + table);
        assertTrue(table.contains("<td class=\"num strong\">24.6</td>"), "p99: " + table);
    }

    @Test
    void aRunWithoutHandshakesHasNoHandshakeSection() throws IOException {
        assertFalse(render(null).contains("id=\"tls-handshakes\""));
    }
}
