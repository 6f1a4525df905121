package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.app.Composition;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.threshold.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code goose run} with thresholds against the demo target: a passing set exits 0, a failing p95 exits 3, and
 * the verdict reaches report.json, the history and the junit file (parsed with a real XML parser).
 */
class ThresholdExitCodesTest {
    private static final String CONFIG = """
            {"config": {
              "target_base_url": "%s", "users": 4, "hatch_rate": 40, "duration": {"seconds": 1},
              "think_time_seconds": 0.01, "request_timeout_seconds": 5,
              "thresholds": %s,
              "scenarios": [{"name": "shop", "transactions": [
                {"name": "home", "request": {"method": "GET", "path": "/"}},
                {"name": "slow", "request": {"method": "GET", "path": "/slow"}}]}],
              "reports": {"formats": ["json", "junit"]}}}
            """;

    private record Ran(CliCapture cli, String runId, Path reports, Path data) {
    }

    private static Ran run(Path dir, String thresholds) throws Exception {
        return run(dir, CONFIG, thresholds);
    }

    private static Ran run(Path dir, String config, String thresholds) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            Path file = Files.writeString(dir.resolve("run.json"), config.formatted(target.baseUrl(), thresholds));
            Path reports = dir.resolve("reports");
            Path data = dir.resolve("data");
            CliCapture r = CliCapture.run("run", file.toString(), "--report-dir", reports.toString(),
                    "--data-dir", data.toString(), "--width", "120");
            Matcher m = Pattern.compile("goose: run ([0-9a-f-]{36}) started").matcher(r.out());
            assertTrue(m.find(), r.out() + r.err());
            return new Ran(r, m.group(1), reports.resolve(m.group(1)), data);
        }
    }

    private static Element junit(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static StoredRun recorded(Ran ran) {
        try (SqliteRunHistory history = Composition.history(ran.data().resolve("goose.db"))) {
            return history.find(ran.runId()).orElseThrow();
        }
    }

    @Test
    void aPassingSetExitsZeroAndPassesEverywhere(@TempDir Path dir) throws Exception {
        Ran ran = run(dir, """
                [{"metric": "latency_p95_ms", "lt": 10000}, {"metric": "error_rate", "lt": 50},
                 {"metric": "throughput_rps", "gt": 0}, {"metric": "checks_failed_rate", "lte": 0}]""");

        assertEquals(0, ran.cli().exitCode(), ran.cli().out() + ran.cli().err());
        assertTrue(ran.cli().out().contains("thresholds: all 4 passed, verdict passed"), ran.cli().out());
        assertEquals(4, ran.cli().out().lines().filter(l -> l.startsWith("  " + ThresholdRows.PASSED + " ")).count(),
                ran.cli().out());
        JsonNode report = new ObjectMapper().readTree(ran.reports().resolve("report.json").toFile());
        assertEquals("passed", report.get("verdict").asText());
        assertEquals(Verdict.PASSED, recorded(ran).record().verdict());
        assertEquals("0", junit(ran.reports().resolve("report.junit.xml")).getAttribute("failures"));
    }

    @Test
    void aFailingP95ExitsThreeAndTheVerdictReachesReportJsonHistoryAndJunit(@TempDir Path dir) throws Exception {
        Ran ran = run(dir, """
                [{"metric": "error_rate", "lt": 50},
                 {"metric": "latency_p95_ms", "scope": "transaction:shop/slow", "lt": 10}]""");

        assertEquals(3, ran.cli().exitCode(), ran.cli().out() + ran.cli().err());
        assertTrue(ran.cli().out().contains("thresholds: 1 of 2 failed, verdict failed"), ran.cli().out());
        assertTrue(ran.cli().out().contains("  " + ThresholdRows.FAILED
                + " latency_p95_ms < 10 (transaction:shop/slow): observed "), ran.cli().out());
        JsonNode report = new ObjectMapper().readTree(ran.reports().resolve("report.json").toFile());
        assertEquals("failed", report.get("verdict").asText());
        JsonNode p95 = report.at("/thresholds/1");
        assertFalse(p95.get("passed").asBoolean(true));
        assertTrue(p95.get("observed").asDouble() >= 50, "the /slow target answers after 50 ms: " + p95);
        assertEquals("completed", report.at("/run/status").asText(), "a failed threshold is a verdict, not a failed run");
        StoredRun stored = recorded(ran);
        assertEquals(Verdict.FAILED, stored.record().verdict());
        try (SqliteRunHistory history = Composition.history(ran.data().resolve("goose.db"))) {
            assertEquals(List.of(ran.runId()), history.list(10, 0, Verdict.FAILED).stream().map(RunListing::runId).toList());
        }
        Element suite = junit(ran.reports().resolve("report.junit.xml"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("observed "), failure.getAttribute("message"));
        assertEquals("goose.thresholds.transaction:shop/slow",
                ((Element) failure.getParentNode()).getAttribute("classname"));
    }

    @Test
    void anAbortOnFailThresholdStopsTheRunAsFailedWithReasonThresholdAndExitsThree(@TempDir Path dir) throws Exception {
        Ran ran = run(dir, CONFIG.replace("\"duration\": {\"seconds\": 1}", "\"duration\": {\"seconds\": 120}"), """
                [{"metric": "latency_p95_ms", "scope": "transaction:shop/slow", "lt": 10,
                  "abort_on_fail": true, "delay_abort_eval_seconds": 1}]""");

        assertEquals(3, ran.cli().exitCode(), ran.cli().out() + ran.cli().err());
        JsonNode report = new ObjectMapper().readTree(ran.reports().resolve("report.json").toFile());
        assertEquals("failed", report.at("/run/status").asText());
        assertTrue(report.get("failure_reason").asText().startsWith("threshold: latency_p95_ms < 10"), report.toString());
        assertTrue(report.at("/run/duration_seconds").asDouble() < 60, "stopped long before its 120 s maintain");
        assertEquals("failed", report.get("verdict").asText());
        assertTrue(recorded(ran).record().error().startsWith("threshold: "), recorded(ran).record().toString());
    }

    @Test
    void aThresholdNamingNoTransactionIsAnInvalidConfigWithItsPointer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), CONFIG.formatted("http://127.0.0.1:9",
                "[{\"metric\": \"error_rate\", \"scope\": \"transaction:shop/pay\", \"lt\": 1}]"));

        CliCapture r = CliCapture.run("run", file.toString(), "--data-dir", dir.resolve("data").toString());

        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("/config/thresholds/0/scope"), r.err());
        assertFalse(Files.exists(dir.resolve("data")), "nothing is recorded for an invalid config");
    }
}
