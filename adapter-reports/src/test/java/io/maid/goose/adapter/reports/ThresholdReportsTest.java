package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.ThresholdResult;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict and the thresholds in report.json (and read back), report.junit.xml and report.html. */
class ThresholdReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The sample run with its four thresholds judged: the error-rate one fails. */
    private static RunSummary judged() {
        return SampleRuns.summary(SampleRuns.withThresholds(SampleRuns.config(ReportFormat.JSON, ReportFormat.HTML,
                ReportFormat.JUNIT)));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void theSampleThresholdsAreOneFailureInFour() {
        RunSummary s = judged();

        assertEquals(List.of(true, false, true, true), s.thresholds().stream().map(ThresholdResult::passed).toList());
        assertEquals(Verdict.FAILED, s.verdict());
    }

    @Test
    void reportJsonHasTheVerdictAndEachThresholdWithItsObservedValue() throws Exception {
        RunSummary s = judged();
        Path folder = Reports.write(dir, s, null);

        JsonNode root = JSON.readTree(folder.resolve("report.json").toFile());

        assertEquals("failed", root.path("verdict").asText());
        JsonNode errorRate = root.path("thresholds").get(1);
        assertEquals("error_rate", errorRate.path("metric").asText());
        assertEquals("total", errorRate.path("scope").asText());
        assertEquals("lt", errorRate.path("comparator").asText());
        assertEquals(0.1, errorRate.path("limit").asDouble());
        assertEquals(s.total().errorRate(), errorRate.path("observed").asDouble(), 1e-12);
        assertFalse(errorRate.path("passed").asBoolean(true));
        assertEquals("transaction:checkout/" + SampleRuns.HOSTILE, root.path("thresholds").get(2).path("scope").asText());
        assertTrue(root.path("thresholds").get(3).path("abort_on_fail").asBoolean());
    }

    @Test
    void theThresholdsReadBackFromReportJsonAsWritten() {
        RunSummary s = judged();
        FileRunArtifacts artifacts = Reports.under(dir);
        artifacts.write(s, null);

        RunSummary read = artifacts.readSummary(s.runId()).orElseThrow();

        assertEquals(s.thresholds(), read.thresholds());
        assertEquals(Verdict.FAILED, read.verdict());
    }

    @Test
    void theJunitReportIsOneSuiteWithATestcasePerThresholdAndAFailureWithTheObservedValue() throws Exception {
        RunSummary s = judged();
        Path folder = Reports.write(dir, s, null);

        Document xml = parse(folder.resolve("report.junit.xml"));

        Element suite = xml.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        Element failed = (Element) cases.item(1);
        assertEquals("error_rate < 0.1", failed.getAttribute("name"));
        assertEquals("goose.thresholds.total", failed.getAttribute("classname"));
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        String observed = s.thresholds().get(1).describeObserved();
        assertTrue(failure.getAttribute("message").contains("observed " + observed), failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains(observed), failure.getTextContent());
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        assertEquals("goose.thresholds.transaction:checkout/" + SampleRuns.HOSTILE,
                ((Element) cases.item(2)).getAttribute("classname"), "a hostile name is escaped, not lost");
    }

    @Test
    void aRunThatFailedForAnotherReasonHasAnErrorTestcase() throws Exception {
        RunSummary ok = judged();
        RunSummary broken = new RunSummary(ok.runId(), RunState.FAILED, ok.startedAt(), ok.endedAt(), ok.durationSeconds(),
                ok.plannedSeconds(), ok.config(), ok.phases(), ok.requests(), ok.transactions(), ok.scenarios(), ok.total(),
                ok.timeline(), ok.abandonedRequests(), ok.histograms(), ok.schedulerSeed(), "internal error <&>",
                ok.keyTimelines(), ok.checks(), ok.skipped(), ok.thresholds(), ok.droppedIterations());
        Path folder = Reports.write(dir, broken, null);

        Element suite = parse(folder.resolve("report.junit.xml")).getDocumentElement();

        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("errors"));
        Element error = (Element) suite.getElementsByTagName("error").item(0);
        assertEquals("internal error <&>", error.getAttribute("message"));
    }

    @Test
    void theHtmlReportShowsTheVerdictAndABadgePerThreshold() throws Exception {
        Path folder = Reports.write(dir, judged(), null);

        String html = Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);

        assertTrue(html.contains("<span class=\"badge bad\" id=\"verdict\">verdict failed</span>"), "verdict badge");
        assertEquals(3, count(html, "\u2713 passed"));
        assertEquals(1, count(html, "\u2717 failed"));
        assertFalse(html.contains(SampleRuns.HOSTILE), "the hostile scope is escaped");
    }

    @Test
    void aRunWithoutThresholdsHasNoVerdictBadgeOrSection() throws Exception {
        Path folder = Reports.write(dir, SampleRuns.summary(ReportFormat.HTML), null);

        String html = Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);

        assertFalse(html.contains("id=\"verdict\""));
        assertFalse(html.contains("id=\"thresholds\""));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
