package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.TargetAllowList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.EXAMPLE_BODY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, refusing a second start, stopping, and what status, history and the allow-list make of it. */
class RunLifecycleTest extends SharedApiHarness {
    private static HttpResponse<String> run(String body) {
        return api.post("/run", "application/json", body, apiKey(RW_KEY));
    }

    private static String target(String url) {
        return EXAMPLE_BODY.replace("https://target.example", url);
    }

    @Test
    void aSecondRunWhileOneIsActiveIs409NamingTheActiveRun() {
        String first = json(run(EXAMPLE_BODY).body()).get("run_id").asText();
        JsonNode body = assertError(run(EXAMPLE_BODY), 409, "run_active");
        assertEquals(first, body.get("run_id").asText());
        assertEquals(1, api.engine.starts.size());
    }

    @Test
    void aConfigTheEngineCannotRunIs400InvalidConfigWithItsPointersBelowConfig() {
        api.engine.refuseWith = List.of(new ConfigViolation("/data/0/csv", "csv: file not found: /srv/feeds/accounts.csv"),
                new ConfigViolation("/data/1/csv", "csv: '../x.csv' holds '..'"));

        JsonNode body = assertError(run(EXAMPLE_BODY), 400, "invalid_config");

        assertEquals("2 problem(s) in the run config", body.get("message").asText());
        assertEquals(json("""
                [{"pointer": "/config/data/0/csv", "message": "csv: file not found: /srv/feeds/accounts.csv"},
                 {"pointer": "/config/data/1/csv", "message": "csv: '../x.csv' holds '..'"}]"""), body.get("violations"));
        assertEquals(0, api.engine.starts.size());
    }

    @Test
    void tooFewWorkersIs409WorkersUnavailableWithTheCounts() {
        api.engine.unavailable = new io.maid.goose.ports.in.WorkersUnavailableException(3, 2, "joined: [a:1, b:2]");

        JsonNode body = assertError(run(EXAMPLE_BODY), 409, "workers_unavailable");

        assertEquals(3, body.get("requested").asInt());
        assertEquals(2, body.get("available").asInt());
        assertEquals("the run needs 3 worker(s) and 2 are available: joined: [a:1, b:2]", body.get("message").asText());
        assertEquals(0, api.engine.starts.size());
    }

    @Test
    void stopWithoutAnActiveRunIs409() {
        assertError(api.post("/stop", "application/json", "", apiKey(RW_KEY)), 409, "no_active_run");
        assertEquals(0, api.engine.stops.get());
    }

    @Test
    void aRunCanStartAgainAfterItWasStopped() {
        assertEquals(200, run(EXAMPLE_BODY).statusCode());
        assertEquals(202, api.post("/stop", "application/json", "", apiKey(RW_KEY)).statusCode());
        assertError(api.post("/stop", "application/json", "", apiKey(RW_KEY)), 409, "no_active_run");
        assertEquals(200, run(EXAMPLE_BODY).statusCode());
        assertEquals(2, api.engine.starts.size());
    }

    @Test
    void statusFollowsTheRunFromIdleToActiveToCompleted() {
        assertEquals("idle", status().get("phase").asText());
        String runId = json(run(EXAMPLE_BODY).body()).get("run_id").asText();
        JsonNode during = status();
        assertEquals(true, during.get("active").booleanValue());
        assertEquals(runId, during.get("run_id").asText());
        assertEquals("increase", during.get("phase").asText());
        api.post("/stop", "application/json", "", apiKey(RW_KEY));
        JsonNode after = status();
        assertEquals(false, after.get("active").booleanValue());
        assertEquals(runId, after.get("run_id").asText());
        assertEquals("completed", after.get("phase").asText());
    }

    @Test
    void historyShowsTheRunRunningThenCancelled() {
        String runId = json(run(EXAMPLE_BODY).body()).get("run_id").asText();
        JsonNode running = json(api.get("/history", apiKey(RW_KEY)).body());
        assertEquals(1, running.get("total").asInt());
        assertEquals(runId, running.get("runs").get(0).get("run_id").asText());
        assertEquals("running", running.get("runs").get(0).get("status").asText());
        assertTrue(running.get("runs").get(0).get("ended_at").isNull());

        api.post("/stop", "application/json", "", apiKey(RW_KEY));
        JsonNode one = json(api.get("/history/" + runId, apiKey(RW_KEY)).body());
        assertEquals("cancelled", one.get("status").asText());
        assertEquals("2024-06-15T12:00:05Z", one.get("ended_at").asText());
        assertEquals(200, one.get("users").asInt());
        assertEquals("https://target.example", one.get("target").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.test", "https://example.com", "https://target.example.evil.test",
            "http://127.0.0.2:8080", "https://xexample.com"})
    void aTargetOutsideTheAllowListIs403(String url) {
        JsonNode body = assertError(run(target(url)), 403, "target_not_allowed");
        assertEquals(url, body.get("target").asText());
        assertTrue(api.engine.starts.isEmpty());
    }

    @Test
    void theRefusalNamesTheSettingThatAllowsTargets() {
        JsonNode body = assertError(run(target("https://evil.test")), 403, "target_not_allowed");

        assertTrue(body.get("message").asText().contains("security.allowed_targets"), body.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://target.example", "https://api.example.com", "https://a.b.example.com/base",
            "http://localhost:8080", "http://127.0.0.1:9000", "https://TARGET.EXAMPLE"})
    void aTargetOnTheAllowListStarts(String url) {
        assertEquals(200, run(target(url)).statusCode());
    }

    @Test
    void theStarAllowsAnyHost() {
        try (ApiHarness open = ApiHarness.start(c -> ApiHarness.with(c, true, c.jwt(), TargetAllowList.of(List.of("*"))))) {
            HttpResponse<String> res = open.post("/run", "application/json", target("https://anywhere.test"),
                    apiKey(RW_KEY));
            assertEquals(200, res.statusCode(), res.body());
        }
    }

    @Test
    void anEmptyAllowListAllowsNoHost() {
        try (ApiHarness none = ApiHarness.start(c -> ApiHarness.with(c, true, c.jwt(), TargetAllowList.of(List.of())))) {
            HttpResponse<String> res = none.post("/run", "application/json", target("http://127.0.0.1:9000"),
                    apiKey(RW_KEY));
            assertEquals(403, res.statusCode(), res.body());
        }
    }

    private static JsonNode status() {
        return json(api.get("/status", apiKey(RW_KEY)).body()).get("status");
    }
}
