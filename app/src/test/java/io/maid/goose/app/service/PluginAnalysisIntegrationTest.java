package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.app.demo.DemoTarget;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.testkit.FakeMistral;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mistral.rs analysis of finished runs through the whole service: stored, written, served, re-requested,
 * and never in the way of the run or its reports.
 */
class PluginAnalysisIntegrationTest extends PluginServiceFixture {
    @Test
    void aFinishedRunIsAnalysedAndTheAnalysisIsStoredWrittenAndServed(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String runId = startRun(service, target);

            JsonNode record = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "analysis done");
            assertEquals("completed", record.get("status").asText());
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, record.at("/analysis/result/summary").asText());
            assertEquals("low", record.at("/analysis/result/bottlenecks/0/severity").asText());
            assertEquals("Add users to find the knee", record.at("/analysis/result/recommendations/0").asText());
            assertTrue(names(record.get("report_files")).contains("analysis.json"), record.toString());

            Path folder = dir.resolve("reports").resolve(runId);
            JsonNode onDisk = JSON.readTree(Files.readString(folder.resolve("analysis.json")));
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, onDisk.at("/analysis/summary").asText());
            assertTrue(Files.readString(folder.resolve("report.html")).contains(FakeMistral.ANALYSIS_SUMMARY),
                    "the HTML report was re-rendered with the analysis");

            HttpResponse<String> served = call("GET", service.baseUrl() + "/reports/" + runId + "/analysis.json", null);
            assertEquals(200, served.statusCode(), served.body());
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, JSON.readTree(served.body()).at("/analysis/summary").asText());
            assertEquals(1, model.analysisRequests().size());
        }
    }

    @Test
    void aSlowModelNeverDelaysTheRunOrItsReports(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            model.analysisMode(FakeMistral.AnalysisMode.SLOW);
            String runId = startRun(service, target);

            Await.until(() -> model.analysisRequests().size() == 1, RUN_DEADLINE, "the analysis request reaches the model");
            JsonNode blocked = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("pending"),
                    "analysis pending while the model is blocked");
            assertEquals("completed", blocked.get("status").asText());
            assertEquals(List.of("report.json", "report.csv", "timeline.csv", "report.html"), names(blocked.get("report_files")));
            assertEquals(200, call("GET", service.baseUrl() + "/reports/" + runId + "/report.html", null).statusCode());
            assertFalse(JSON.readTree(call("GET", service.baseUrl() + "/status", null).body()).at("/status/active").asBoolean());

            model.release();
            JsonNode done = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "analysis done after release");
            assertEquals(FakeMistral.ANALYSIS_SUMMARY, done.at("/analysis/result/summary").asText());
        }
    }

    @Test
    void aServiceStoppedDuringAnAnalysisRecordsItAsFailedRatherThanPendingForever(@TempDir Path dir) throws Exception {
        Settings s;
        String runId;
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget()) {
            s = settings(dir, mistral(model), "");
            try (ServiceRuntime service = start(s)) {
                model.analysisMode(FakeMistral.AnalysisMode.SLOW);
                runId = startRun(service, target);
                Await.until(() -> model.analysisRequests().size() == 1, RUN_DEADLINE, "the analysis request reaches the model");
                awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("pending"), "analysis pending");
            }
        }
        try (ServiceRuntime again = start(s)) {
            JsonNode record = record(again, runId);
            assertEquals("completed", record.get("status").asText());
            assertEquals("failed", record.at("/analysis/state").asText(), record.toString());
            assertFalse(record.at("/analysis/error").asText().isBlank(), record.toString());
        }
    }

    @Test
    void aModelErrorFailsTheAnalysisWithTheUpstreamMessageButNotTheRun(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            model.analysisMode(FakeMistral.AnalysisMode.FAIL);
            String runId = startRun(service, target);

            JsonNode record = awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("failed"), "analysis failed");
            assertEquals("completed", record.get("status").asText());
            String why = record.at("/analysis/error").asText();
            assertTrue(why.contains("model exploded") && why.contains("500"), why);
            assertTrue(record.at("/analysis/result").isNull(), record.toString());
            assertEquals(4, record.get("report_files").size(), "the run's own reports are unaffected");
            assertTrue(record.at("/error").isNull(), "the run itself carries no error: " + record);
        }
    }

    @Test
    void anAnalysisCanBeRequestedAgainForAFinishedRun(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String runId = startRun(service, target);
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");

            HttpResponse<String> again = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);
            assertEquals(202, again.statusCode(), again.body());
            JsonNode body = JSON.readTree(again.body());
            assertEquals(runId, body.get("run_id").asText());
            assertEquals("pending", body.at("/analysis/state").asText());
            Await.until(() -> model.analysisRequests().size() == 2, RUN_DEADLINE, "a second analysis request reaches the model");
            assertEquals(model.analysisRequests().get(0).at("/messages/1/content"),
                    model.analysisRequests().get(1).at("/messages/1/content"), "the same run digest is sent again");
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "second analysis done");
        }
    }

    @Test
    void aRunCanBeAnalysedAgainAfterTheServiceRestartedFromItsStoredReportJson(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget()) {
            Settings s = settings(dir, mistral(model), "");
            String runId;
            try (ServiceRuntime service = start(s)) {
                runId = startRun(service, target);
                awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");
            }
            try (ServiceRuntime again = start(s)) {
                HttpResponse<String> requested = call("POST", again.baseUrl() + "/history/" + runId + "/analysis", null);
                assertEquals(202, requested.statusCode(), requested.body());
                Await.until(() -> model.analysisRequests().size() == 2, RUN_DEADLINE, "the analysis after the restart");
                assertEquals(model.analysisRequests().get(0).at("/messages/1/content"),
                        model.analysisRequests().get(1).at("/messages/1/content"),
                        "the run digest read back from report.json is the one sent before the restart");
                JsonNode done = awaitRecord(again, runId, r -> r.at("/analysis/state").asText().equals("done")
                        && r.get("reports_state").asText().equals("written"), "analysis done, reports re-written");
                assertTrue(names(done.get("report_files")).contains("analysis.json"), done.toString());
            }
        }
    }

    @Test
    void aRunWithoutReportJsonCannotBeAnalysedAgainAndSaysWhy(@TempDir Path dir) throws Exception {
        try (FakeMistral model = new FakeMistral(); DemoTarget target = new DemoTarget();
             ServiceRuntime service = start(settings(dir, mistral(model), ""))) {
            String body = runConfig(target).replace("\"scenarios\"", "\"reports\": {\"formats\": [\"html\"]}, \"scenarios\"");
            HttpResponse<String> started = call("POST", service.baseUrl() + "/run", body);
            assertEquals(200, started.statusCode(), started.body());
            String runId = JSON.readTree(started.body()).get("run_id").asText();
            awaitRecord(service, runId, r -> r.at("/analysis/state").asText().equals("done"), "first analysis done");

            HttpResponse<String> again = call("POST", service.baseUrl() + "/history/" + runId + "/analysis", null);

            assertEquals(409, again.statusCode(), again.body());
            assertEquals("analysis_unavailable", JSON.readTree(again.body()).get("error").asText());
            assertTrue(again.body().contains("has no report.json"), again.body());
        }
    }
}
