package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.domain.threshold.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.RW_KEY;
import static io.maid.goose.adapter.http.helidon.ApiHarness.apiKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's verdict in GET /history and /history/{run_id}, and the verdict filter. */
class HistoryVerdictTest extends SharedApiHarness {
    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** Runs 1 and 3 passed, 2 and 4 failed, 5 is running. */
    private static void insertRuns() {
        RunConfig config = RunConfig.builder("https://target.example").get("home", "/").build();
        for (int n = 1; n <= 5; n++) {
            Instant start = Instant.parse("2024-06-15T12:00:00Z").plusSeconds(60L * n);
            RunRecord r = n == 5 ? RunRecord.started(id(n), start, config)
                    : new RunRecord(id(n), n % 2 == 0 ? RunState.FAILED : RunState.COMPLETED, RunPhase.COMPLETED, start,
                    start.plusSeconds(30), config, new RunTotals(100, 1, 3.3, 12.5), List.of("report.json"),
                    ReportsState.WRITTEN, null, null, null, null, n % 2 == 0 ? Verdict.FAILED : Verdict.PASSED);
            api.history.insert(r);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("runs").forEach(r -> out.add(r.get("run_id").asText()));
        return out;
    }

    @Test
    void theListShowsEachRunsVerdictAndNullForARunningOne() {
        insertRuns();

        JsonNode page = json(api.get("/history", apiKey(RW_KEY)).body());

        assertTrue(page.at("/runs/0/verdict").isNull(), "running");
        assertEquals("failed", page.at("/runs/1/verdict").asText());
        assertEquals("passed", page.at("/runs/2/verdict").asText());
        assertTrue(page.get("verdict").isNull(), "not filtered");
    }

    @Test
    void theDetailShowsTheVerdict() {
        insertRuns();

        assertEquals("failed", json(api.get("/history/" + id(2), apiKey(RW_KEY)).body()).get("verdict").asText());
    }

    @Test
    void verdictFailedListsOnlyTheFailedRunsAndCountsThem() {
        insertRuns();

        JsonNode page = json(api.get("/history?verdict=failed", apiKey(RW_KEY)).body());

        assertEquals(List.of(id(4), id(2)), ids(page));
        assertEquals(2, page.get("total").asLong());
        assertEquals("failed", page.get("verdict").asText());
    }

    @Test
    void verdictPassedPagesThroughThePassedRuns() {
        insertRuns();

        JsonNode page = json(api.get("/history?verdict=passed&limit=1&offset=1", apiKey(RW_KEY)).body());

        assertEquals(List.of(id(1)), ids(page));
        assertEquals(2, page.get("total").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"verdict=ok", "verdict=PASSED", "verdict=", "verdict=passed&verdict=failed"})
    void aBadVerdictIsA400NamingTheParameter(String query) {
        HttpResponse<String> res = api.get("/history?" + query, apiKey(RW_KEY));

        assertError(res, 400, "invalid_parameter");
        assertEquals("verdict", json(res.body()).get("parameter").asText());
    }
}
