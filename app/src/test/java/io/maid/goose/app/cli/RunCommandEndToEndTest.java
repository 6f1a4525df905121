package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.app.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code goose run} against a real in-process server: the server's own count is the ground truth. */
class RunCommandEndToEndTest {
    @Test
    void theEngineCountsExactlyWhatTheTargetReceivedAndTheReportAgrees(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            String config = """
                    {"config": {
                      "target_base_url": "%s", "users": 8, "hatch_rate": 40, "duration": {"seconds": 2},
                      "think_time_seconds": 0.005, "request_timeout_seconds": 5,
                      "scenarios": [
                        {"name": "web", "weight": 3, "transactions": [
                          {"name": "home", "request": {"method": "GET", "path": "/"}},
                          {"name": "flaky", "request": {"method": "GET", "path": "/flaky"}}]},
                        {"name": "api", "transactions": [
                          {"name": "post", "request": {"method": "POST", "path": "/", "body": "{\\"a\\":1}",
                           "headers": [{"name": "Content-Type", "value": "application/json"}]}}]}],
                      "reports": {"formats": ["json"]}}}
                    """.formatted(target.baseUrl());
            Path file = Files.writeString(dir.resolve("run.json"), config);
            Path reports = dir.resolve("reports");

            CliCapture r = CliCapture.run("run", file.toString(), "--report-dir", reports.toString(),
                    "--data-dir", dir.resolve("data").toString());

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("maintain"), "progress lines show the phase:\n" + r.out());
            Matcher m = Pattern.compile("goose: run ([0-9a-f-]{36}) started").matcher(r.out());
            assertTrue(m.find(), r.out());
            JsonNode report = new ObjectMapper().readTree(reports.resolve(m.group(1)).resolve("report.json").toFile());
            long engineCount = report.at("/stats/total/count").asLong();
            assertTrue(engineCount > 50, "the run made real requests: " + engineCount);
            assertEquals(target.requestsReceived(), engineCount, "server count == engine count");
            assertEquals(0, report.at("/abandoned_requests").asLong());
            long timelineSum = 0;
            for (JsonNode s : report.get("timeline")) {
                timelineSum += s.get("requests").asLong();
            }
            assertEquals(engineCount, timelineSum, "the per-second timeline adds up to the total");
            assertEquals("completed", report.at("/run/status").asText());
            assertTrue(report.at("/stats/total/status_codes/500").asLong() > 0, "the flaky endpoint's 500s are counted");
            assertTrue(r.out().contains("GET web/home") && r.out().contains("POST api/post"), r.out());
            JsonNode flaky = report.at("/stats/requests/1");
            assertEquals("GET web/flaky", flaky.get("name").asText());
            assertTrue(flaky.at("/error_samples/unexpected_status/0").asText().startsWith("HTTP 500"), flaky.toString());
            assertEquals(flaky.at("/status_codes/500").asLong(), flaky.at("/errors/unexpected_status").asLong());
            assertTrue(Pattern.compile("(?m)^status codes: 200: \\d+, 500: \\d+$").matcher(r.out()).find(), r.out());
            assertTrue(r.out().contains("reports: " + reports.resolve(m.group(1)).toAbsolutePath().normalize() + ": report.json"),
                    r.out());
            ProgressRows.assertOnePerSecondInOrder(r.out(), 2, TerminalWidth.DEFAULT);
            assertTrue(ProgressRows.lineOf(r.out(), "goose: run ") < ProgressRows.lineOf(r.out(), "[info] run "),
                    "goose's own start line comes first:\n" + r.out());
        }
    }

    @Test
    void at80ColumnsTheProgressAndTheSummaryFitAndKeepTheirKeyFigures(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            Path file = Files.writeString(dir.resolve("run.json"), """
                    {"target_base_url": "%s", "users": 4, "hatch_rate": 20, "duration": {"seconds": 2},
                     "think_time_seconds": 0.01,
                     "scenarios": [{"name": "web", "transactions": [
                       {"name": "home", "request": {"method": "GET", "path": "/"}},
                       {"name": "flaky", "request": {"method": "GET", "path": "/flaky"}}]}],
                     "reports": {"formats": ["json"]}}""".formatted(target.baseUrl()));

            CliCapture r = CliCapture.run("run", file.toString(), "--report-dir", dir.resolve("reports").toString(),
                    "--data-dir", dir.resolve("data").toString(), "--width", "80");

            assertEquals(0, r.exitCode(), r.err());
            ProgressRows.assertOnePerSecondInOrder(r.out(), 2, 80);
            for (String row : ProgressRows.of(r.out())) {
                assertTrue(row.matches(".* rps +\\d+\\.\\d fail +\\d+ p99 +\\S+ max +\\S+ p99co +\\S+ cpu .*"), row);
            }
            for (String line : r.out().lines().filter(l -> !l.startsWith("reports: ")).toList()) {
                assertTrue(line.length() <= 80, line.length() + " > 80: " + line);
            }
            assertTrue(r.out().contains("p50 ms") && r.out().contains("p99 ms") && r.out().contains("max ms"), r.out());
            assertTrue(Pattern.compile("(?m)^  GET web/flaky +200: \\d+, 500: \\d+$").matcher(r.out()).find(),
                    "status codes per request key:\n" + r.out());
            assertTrue(Pattern.compile("(?m)^    - HTTP 500").matcher(r.out()).find(), "an error sample:\n" + r.out());
        }
    }

    @Test
    void aWidthOutsideWhatTheFormattersSupportExitsWithTwo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.json"), "{\"target_base_url\": \"http://127.0.0.1:9\"}");
        CliCapture r = CliCapture.run("run", file.toString(), "--width", "20");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--width must be between 40 and 1000, was 20"), r.err());
    }

    @Test
    void aRunWhoseReportsCannotBeWrittenExitsWithOneAndSaysWhy(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            Path file = Files.writeString(dir.resolve("run.json"), """
                    {"target_base_url": "%s", "users": 1, "hatch_rate": 10, "duration": {"seconds": 1},
                     "scenarios": [{"name": "web", "transactions": [{"name": "home", "request": {"method": "GET", "path": "/"}}]}],
                     "reports": {"formats": ["json"]}}""".formatted(target.baseUrl()));
            Path notADirectory = Files.writeString(dir.resolve("reports"), "a file where the report folder should be");

            CliCapture r = CliCapture.run("run", file.toString(), "--report-dir", notADirectory.toString(),
                    "--data-dir", dir.resolve("data").toString());

            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("Run "), "the summary is still printed:\n" + r.out());
            assertTrue(r.err().contains("goose: could not write the reports to " + notADirectory.toAbsolutePath()), r.err());
            assertTrue(r.err().contains(": not a directory"), r.err());
        }
    }

    @Test
    void anInvalidConfigExitsWithTwoAndNamesThePointer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"users\": 0}");
        CliCapture r = CliCapture.run("run", file.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/users"), r.err());
    }

    @Test
    void anUnknownTransportOrABadLoopCountExitsWithTwoAndSaysWhatIsAllowed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.json"), "{\"target_base_url\": \"http://127.0.0.1:9\"}");
        CliCapture transport = CliCapture.run("run", file.toString(), "--transport", "curl");
        assertEquals(2, transport.exitCode());
        assertTrue(transport.err().contains("--transport must be one of [lean, lean-threads, httpclient5], was 'curl'"),
                transport.err());
        CliCapture loops = CliCapture.run("run", file.toString(), "--event-loops", "0");
        assertEquals(2, loops.exitCode());
        assertTrue(loops.err().contains("--event-loops must be between 1 and 256, was 0"), loops.err());
    }
}
