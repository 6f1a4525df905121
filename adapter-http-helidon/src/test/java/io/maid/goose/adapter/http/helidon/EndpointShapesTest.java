package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.fieldNames;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each endpoint's success shape, field by field, against docs/api.md. */
class EndpointShapesTest extends SharedApiHarness {
    @Test
    void schemaIsTheCodecsJsonSchema() {
        HttpResponse<String> res = api.get("/schema", apiKey(RW_KEY));
        assertEquals(200, res.statusCode());
        assertEquals("application/schema+json", res.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(json(FakeRunConfigCodec.SCHEMA), json(res.body()));
    }

    @Test
    void statusBeforeAnyRunIsIdleWithNullRunId() {
        HttpResponse<String> res = api.get("/status", apiKey(RW_KEY));
        assertEquals(200, res.statusCode());
        JsonNode body = json(res.body());
        assertEquals(List.of("status"), fieldNames(body));
        JsonNode s = body.get("status");
        assertTrue(fieldNames(s).containsAll(List.of("active", "run_id", "phase", "started_at")), res.body());
        assertEquals(false, s.get("active").booleanValue());
        assertTrue(s.get("run_id").isNull());
        assertEquals("idle", s.get("phase").asText());
        assertTrue(s.get("started_at").isNull());
        assertTrue(s.get("state").isNull(), "no run, no state");
        assertEquals(0, s.get("planned_seconds").asLong());
    }

    @Test
    void runAnswersExactlyTheDocumentedShape() {
        HttpResponse<String> res = api.post("/run", "application/json", ApiHarness.EXAMPLE_BODY, apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(List.of("run_id", "status"), fieldNames(body));
        String runId = body.get("run_id").asText();
        assertEquals(runId, UUID.fromString(runId).toString());
        JsonNode s = body.get("status");
        assertEquals(List.of("active", "run_id", "phase", "started_at"), fieldNames(s));
        assertEquals(true, s.get("active").booleanValue());
        assertEquals(runId, s.get("run_id").asText());
        assertEquals("increase", s.get("phase").asText());
        assertEquals("2024-06-15T12:00:00Z", s.get("started_at").asText());
    }

    @Test
    void runHandsTheDecodedConfigToTheEngine() {
        api.post("/run", "application/json", ApiHarness.EXAMPLE_BODY, apiKey(RW_KEY));
        assertEquals(1, api.engine.starts.size());
        RunConfig c = api.engine.starts.get(0).config();
        assertEquals("https://target.example", c.targetBaseUrl().toString());
        assertEquals(200, c.users());
        assertEquals(50, c.hatchRate());
        assertEquals(600, c.duration().seconds());
        assertEquals("checkout", c.scenarios().get(0).name());
    }

    @Test
    void statusDuringARunCarriesTheStartFieldsAndLiveCounters() {
        api.engine.status(new EngineStatus(true, "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2", RunPhase.MAINTAIN,
                Instant.parse("2024-06-15T12:00:00Z"), 200, 60, RunState.RUNNING, 612));
        JsonNode s = json(api.get("/status", apiKey(RW_KEY)).body()).get("status");
        assertEquals(true, s.get("active").booleanValue());
        assertEquals("4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2", s.get("run_id").asText());
        assertEquals("maintain", s.get("phase").asText());
        assertEquals("2024-06-15T12:00:00Z", s.get("started_at").asText());
        assertEquals(200, s.get("active_users").asInt());
        assertEquals(60, s.get("elapsed_seconds").asLong());
        assertEquals("running", s.get("state").asText());
        assertEquals(612, s.get("planned_seconds").asLong());
        assertEquals(List.of("active", "run_id", "phase", "started_at", "active_users", "elapsed_seconds", "state",
                "planned_seconds", "stage", "target_users"), fieldNames(s));
        assertTrue(s.get("stage").isNull(), "the shorthand has no stages");
        assertTrue(s.get("target_users").isNull());
    }

    @Test
    void statusOfAStagedRunSaysItsStageAndTargetUsers() {
        api.engine.status(new EngineStatus(true, "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2", RunPhase.INCREASE,
                Instant.parse("2024-06-15T12:00:00Z"), 57, 72, RunState.RUNNING, 85, 2, 60));
        JsonNode s = json(api.get("/status", apiKey(RW_KEY)).body()).get("status");
        assertEquals(2, s.get("stage").asInt());
        assertEquals(60, s.get("target_users").asInt());
        assertEquals(57, s.get("active_users").asInt());
    }

    @Test
    void statusAfterAStopSaysCancelled() {
        api.engine.status(new EngineStatus(false, "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2", RunPhase.COMPLETED,
                Instant.parse("2024-06-15T12:00:00Z"), 0, 31, RunState.CANCELLED, 612));
        JsonNode s = json(api.get("/status", apiKey(RW_KEY)).body()).get("status");
        assertEquals("completed", s.get("phase").asText());
        assertEquals("cancelled", s.get("state").asText());
        assertEquals(false, s.get("active").booleanValue());
    }

    @Test
    void stopAnswers202WithTheRunIdAndStopping() {
        String runId = json(api.post("/run", "application/json", ApiHarness.EXAMPLE_BODY, apiKey(RW_KEY)).body())
                .get("run_id").asText();
        HttpResponse<String> res = api.post("/stop", "application/json", "", apiKey(RW_KEY));
        assertEquals(202, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(runId, body.get("run_id").asText());
        assertEquals(true, body.get("stopping").booleanValue());
        assertEquals(1, api.engine.stops.get());
    }

    @Test
    void historyListsRunsNewestFirstWithEveryField() {
        insertRuns();
        HttpResponse<String> res = api.get("/history", apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode body = json(res.body());
        assertEquals(3, body.get("total").asLong());
        assertEquals(50, body.get("limit").asInt());
        assertEquals(0, body.get("offset").asInt());
        JsonNode runs = body.get("runs");
        assertEquals(3, runs.size());
        assertEquals(id(3), runs.get(0).get("run_id").asText());
        assertEquals(id(1), runs.get(2).get("run_id").asText());
        JsonNode r = runs.get(1);
        assertEquals(List.of("run_id", "status", "phase", "started_at", "ended_at", "users", "target", "totals",
                "report_files", "reports_state", "error", "config_outdated", "verdict"), fieldNames(r));
        assertEquals(id(2), r.get("run_id").asText());
        assertEquals("completed", r.get("status").asText());
        assertEquals("completed", r.get("phase").asText());
        assertEquals("2024-06-15T12:02:00Z", r.get("started_at").asText());
        assertEquals("2024-06-15T12:12:00Z", r.get("ended_at").asText());
        assertEquals(20, r.get("users").asInt());
        assertEquals("https://target.example", r.get("target").asText());
        JsonNode totals = r.get("totals");
        assertEquals(List.of("requests", "failures", "rps", "p95_ms", "p99_ms"), fieldNames(totals));
        assertEquals(12000, totals.get("requests").asLong());
        assertEquals(12, totals.get("failures").asLong());
        assertEquals(20.0, totals.get("rps").asDouble());
        assertEquals(340.4, totals.get("p99_ms").asDouble());
        assertEquals(List.of("report.html", "report.csv", "report.json"),
                ApiAssertions.MAPPER.convertValue(r.get("report_files"), List.class));
        assertEquals("written", r.get("reports_state").asText());
        assertTrue(r.get("error").isNull());
        assertFalse(r.get("config_outdated").booleanValue());
    }

    @Test
    void historyRoundsRatesToTwoDecimalsAndLatenciesToAMicrosecond() {
        RunRecord r = new RunRecord(id(1), RunState.COMPLETED, RunPhase.COMPLETED, Instant.parse("2024-06-15T12:00:00Z"),
                Instant.parse("2024-06-15T12:10:00Z"), config(5), new RunTotals(812, 0, 81.79954653246999, 12.3456789),
                List.of(), null, null, null, null);
        api.history.insert(r);
        JsonNode listed = json(api.get("/history", apiKey(RW_KEY)).body()).at("/runs/0/totals");
        assertEquals("81.8", listed.get("rps").toString());
        assertEquals("12.346", listed.get("p99_ms").toString());
        JsonNode detail = json(api.get("/history/" + id(1), apiKey(RW_KEY)).body()).get("totals");
        assertEquals("81.8", detail.get("rps").toString());
    }

    @Test
    void aRunWhoseStoredConfigTodaysRulesRejectIsListedAsOutdatedAndItsDetailShowsTheConfigAsStored() {
        insertRuns();
        String stored = "{\"target_base_url\":\"https://old.example\",\"users\":0,\"max_history\":5}";
        Instant start = Instant.parse("2024-06-15T11:00:00Z");
        api.history.insertOutdated(new RunRecord(id(9), RunState.COMPLETED, RunPhase.COMPLETED, start, start.plusSeconds(60),
                null, new RunTotals(10, 0, 1.0, 2.0), List.of("report.json"), null, null, null, null), stored,
                List.of(new ConfigViolation("/users", "must be at least 1")));

        HttpResponse<String> list = api.get("/history", apiKey(RW_KEY));
        assertEquals(200, list.statusCode(), list.body());
        JsonNode runs = json(list.body()).get("runs");
        assertEquals(4, runs.size(), list.body());
        JsonNode old = runs.get(3);
        assertEquals(id(9), old.get("run_id").asText());
        assertTrue(old.get("config_outdated").booleanValue(), list.body());
        assertFalse(runs.get(0).get("config_outdated").booleanValue());

        HttpResponse<String> one = api.get("/history/" + id(9), apiKey(RW_KEY));
        assertEquals(200, one.statusCode(), one.body());
        JsonNode detail = json(one.body());
        assertTrue(detail.get("config_outdated").booleanValue());
        assertEquals(json(stored), detail.get("config"), "the config exactly as stored");
        assertEquals(0, detail.get("users").asInt());
        assertEquals("https://old.example", detail.get("target").asText());
        JsonNode violation = detail.get("config_violations").get(0);
        assertEquals("/users", violation.get("pointer").asText());
        assertEquals("must be at least 1", violation.get("message").asText());
        assertEquals(10, detail.at("/totals/requests").asLong());
    }

    @Test
    void historyPagesWithLimitAndOffset() {
        insertRuns();
        JsonNode body = json(api.get("/history?limit=1&offset=1", apiKey(RW_KEY)).body());
        assertEquals(1, body.get("runs").size());
        assertEquals(id(2), body.get("runs").get(0).get("run_id").asText());
        assertEquals(3, body.get("total").asLong());
        assertEquals(1, body.get("limit").asInt());
        assertEquals(1, body.get("offset").asInt());
    }

    @Test
    void oneRunComesInFullWithItsConfigAsJson() {
        insertRuns();
        HttpResponse<String> res = api.get("/history/" + id(2).toUpperCase(), apiKey(RW_KEY));
        assertEquals(200, res.statusCode(), res.body());
        JsonNode r = json(res.body());
        assertEquals(id(2), r.get("run_id").asText());
        assertEquals("completed", r.get("status").asText());
        assertEquals(json(api.codec.encode(config(20))), r.get("config"));
        assertEquals(12000, r.get("totals").get("requests").asLong());
    }

    @Test
    void oneRunLinksItsReportFiles() {
        insertRuns();
        JsonNode r = json(api.get("/history/" + id(1), apiKey(RW_KEY)).body());
        assertEquals(List.of("run_id", "status", "phase", "started_at", "ended_at", "users", "target", "totals",
                "report_files", "reports_state", "reports", "error", "config", "config_outdated", "config_violations",
                "analysis", "verdict"), fieldNames(r));
        assertEquals("written", r.get("reports_state").asText());
        assertFalse(r.get("config_outdated").booleanValue());
        assertEquals(0, r.get("config_violations").size());
        JsonNode reports = r.get("reports");
        assertEquals(3, reports.size());
        assertEquals(List.of("file", "url"), fieldNames(reports.get(0)));
        assertEquals("report.html", reports.get(0).get("file").asText());
        assertEquals("/api/goose/reports/" + id(1) + "/report.html", reports.get(0).get("url").asText());
        assertEquals("/api/goose/reports/" + id(1) + "/report.json", reports.get(2).get("url").asText());
    }

    @Test
    void aRunWithoutAnalysisSaysNone() {
        insertRuns();
        JsonNode a = json(api.get("/history/" + id(2), apiKey(RW_KEY)).body()).get("analysis");
        assertEquals(List.of("state", "error", "result"), fieldNames(a));
        assertEquals("none", a.get("state").asText());
        assertTrue(a.get("error").isNull());
        assertTrue(a.get("result").isNull());
    }

    @Test
    void aDoneAnalysisCarriesItsResult() {
        insertRuns();
        api.history.update(api.history.find(id(3)).orElseThrow().record().withAnalysis(AnalysisState.DONE,
                new Analysis("the database pool saturates at 150 users",
                        List.of(new Bottleneck("db pool", "p99 rises from 80 ms to 2 s at 150 users", "high")),
                        List.of("raise the pool size to 64")), null));
        JsonNode a = json(api.get("/history/" + id(3), apiKey(RW_KEY)).body()).get("analysis");
        assertEquals("done", a.get("state").asText());
        assertTrue(a.get("error").isNull());
        JsonNode result = a.get("result");
        assertEquals(List.of("summary", "bottlenecks", "recommendations"), fieldNames(result));
        assertEquals("the database pool saturates at 150 users", result.get("summary").asText());
        JsonNode b = result.get("bottlenecks").get(0);
        assertEquals(List.of("title", "evidence", "severity"), fieldNames(b));
        assertEquals("db pool", b.get("title").asText());
        assertEquals("p99 rises from 80 ms to 2 s at 150 users", b.get("evidence").asText());
        assertEquals("high", b.get("severity").asText());
        assertEquals("raise the pool size to 64", result.get("recommendations").get(0).asText());
    }

    @Test
    void aFailedAnalysisCarriesItsError() {
        insertRuns();
        api.history.update(api.history.find(id(3)).orElseThrow().record().withAnalysis(AnalysisState.FAILED, null,
                "mistral.rs did not answer within 120 s"));
        JsonNode a = json(api.get("/history/" + id(3), apiKey(RW_KEY)).body()).get("analysis");
        assertEquals("failed", a.get("state").asText());
        assertEquals("mistral.rs did not answer within 120 s", a.get("error").asText());
        assertTrue(a.get("result").isNull());
    }

    @Test
    void aPendingAnalysisSaysPending() {
        insertRuns();
        api.history.update(api.history.find(id(3)).orElseThrow().record().withAnalysis(AnalysisState.PENDING, null, null));
        assertEquals("pending", json(api.get("/history/" + id(3), apiKey(RW_KEY)).body()).get("analysis")
                .get("state").asText());
    }

    @Test
    void anUnknownRunIs404() {
        assertError(api.get("/history/" + UUID.randomUUID(), apiKey(RW_KEY)), 404, "run_not_found");
    }

    @ParameterizedTest
    @CsvSource({"not-a-uuid", "1-1-1-1-1", "4f4199fc3c204bb9ae31b6aa9d9a36a2", "%27%20OR%201%3D1"})
    void aRunIdThatIsNotAUuidIs400(String runId) {
        assertError(api.get("/history/" + runId, apiKey(RW_KEY)), 400, "invalid_run_id");
    }

    @ParameterizedTest
    @CsvSource({"limit=0,limit", "limit=501,limit", "limit=abc,limit", "limit=1.5,limit", "limit=,limit",
            "offset=-1,offset", "offset=x,offset", "limit=10&limit=20,limit", "offset=99999999999,offset"})
    void badPagingParametersAre400NamingTheParameter(String query, String parameter) {
        JsonNode body = assertError(api.get("/history?" + query, apiKey(RW_KEY)), 400, "invalid_parameter");
        assertEquals(parameter, body.get("parameter").asText());
        assertTrue(body.get("message").asText().startsWith(parameter), body.toString());
    }

    private static String id(int n) {
        return "00000000-0000-4000-8000-00000000000" + n;
    }

    private static RunConfig config(int users) {
        return RunConfig.builder("https://target.example").users(users).get("root", "/").build();
    }

    private static void insertRuns() {
        for (int n = 1; n <= 3; n++) {
            Instant start = Instant.parse("2024-06-15T12:00:00Z").plusSeconds(60L * n);
            RunRecord r = new RunRecord(id(n), RunState.COMPLETED, RunPhase.COMPLETED, start, start.plusSeconds(600),
                    config(10 * n), new RunTotals(6000L * n, 6L * n, 10.0 * n, 340.4), List.of("report.html",
                    "report.csv", "report.json"), ReportsState.WRITTEN, null, null, null, null);
            api.history.insert(r);
        }
    }
}
