package io.maid.goose.adapter.http.helidon;

import io.maid.goose.testkit.Await;
import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LatencyHistograms;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.testkit.MetricsSnapshots;
import io.maid.goose.testkit.StatsRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.fieldNames;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket stream: envelopes, fan-out to several clients, and isolation from a client that stalls. */
class StreamTest {
    static final String RUN = "4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2";
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String wsUrl(String query) {
        return api.server.baseUrl().replace("http://", "ws://") + "/stream" + query;
    }

    static MetricsSnapshot metrics(int second) {
        return MetricsSnapshots.builder().runId(RUN).timestamp(Instant.parse("2024-06-15T12:01:00Z").plusSeconds(second))
                .elapsedSeconds(60 + second).intervalSeconds(1.0).phase(RunPhase.MAINTAIN).activeUsers(200)
                .cpuUsage(52.2).ramUsage(43.1).throughputRps(410.5).errorRate(0.5)
                .statusCodes(Map.of("200", 950L, "400", 20L, "500", 5L)).latencies(70.4, 180.2, 210.5, 340.4, 489.0)
                .latencyMaxMs(512.5).latencyP99CorrectedMs(351.0).networkInKbps(2300.0).networkOutKbps(3150.0)
                .requests(975).failures(5).errors(Map.of("unexpected_status", 5L)).build();
    }

    static RunSummary summary() {
        LatencyStats lat = new LatencyStats(1, 70, 500, 20, 70.4, 180.2, 210.5, 340.4, 489.0);
        StatsRow total = StatsRows.builder(StatsKey.total()).count(240_000).failures(1_200).rps(400.0).latency(lat)
                .corrected(lat).statusCodes(Map.of(200, 238_800L)).bytesSent(1).bytesReceived(1).build();
        RunConfig config = RunConfig.builder("https://target.example").get("root", "/").build();
        return new RunSummary(RUN, RunState.COMPLETED, Instant.parse("2024-06-15T12:00:00Z"),
                Instant.parse("2024-06-15T12:10:00Z"), 600.4, 610, config, List.of(), List.of(), List.of(), List.of(),
                total, List.of(), 0, new LatencyHistograms("", "", "", ""), null, null);
    }

    @Test
    void aClientGetsTheCurrentStatusOnConnect() {
        api.engine.status(new EngineStatus(true, RUN, RunPhase.MAINTAIN, Instant.parse("2024-06-15T12:00:00Z"), 200, 60,
                RunState.RUNNING, 610));
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            JsonNode s = json(c.next(PROMPTLY)).get("Status");
            assertEquals(List.of("run_id", "phase", "active_users", "duration_seconds", "planned_seconds"), fieldNames(s));
            assertEquals(RUN, s.get("run_id").asText());
            assertEquals("maintain", s.get("phase").asText());
            assertEquals(200, s.get("active_users").asInt());
            assertEquals(60, s.get("duration_seconds").asLong());
            assertEquals(610, s.get("planned_seconds").asLong());
        }
    }

    @Test
    void twoClientsGetEveryEnvelopeInOrder() {
        try (WsCollector a = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY);
             WsCollector b = WsCollector.connect(wsUrl(""), "Authorization",
                     "Bearer " + Tokens.hs256(Tokens.claims("read:loadtests", ApiHarness.NOW)))) {
            Await.until(() -> api.server.streamStats().sessions() == 2, PROMPTLY, () -> api.server.streamStats().toString());
            for (int s = 0; s < 3; s++) {
                api.engine.emit(metrics(s));
                api.engine.emit(new StatusEvent(RUN, RunPhase.MAINTAIN, 200, 60 + s, 610));
            }
            api.engine.emit(new PhaseChange(RUN, RunPhase.MAINTAIN, RunPhase.DECREASE, Instant.parse("2024-06-15T12:09:00Z")));
            // the engine logs every phase move itself, stamped like the move
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:09:00Z"), LogLevel.INFO,
                    "phase decrease: stopping 200 users"));
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:09:00.5Z"), LogLevel.INFO, "run is healthy"));
            api.engine.emit(new RunEnded(summary()));
            for (WsCollector c : List.of(a, b)) {
                List<JsonNode> got = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    got.add(json(c.next(PROMPTLY)));
                }
                assertEquals("idle", got.get(0).get("Status").get("phase").asText());
                for (int s = 0; s < 3; s++) {
                    assertMetrics(got.get(1 + 2 * s).get("Metrics"), s);
                    JsonNode st = got.get(2 + 2 * s).get("Status");
                    assertEquals(60 + s, st.get("duration_seconds").asLong());
                    assertEquals(610, st.get("planned_seconds").asLong());
                    assertEquals("maintain", st.get("phase").asText());
                }
                JsonNode phase = got.get(7).get("Log");
                assertEquals(List.of("timestamp", "level", "message", "run_id"), fieldNames(phase));
                assertEquals("info", phase.get("level").asText());
                assertEquals("phase decrease: stopping 200 users", phase.get("message").asText(),
                        "the phase change itself adds no Log line");
                assertEquals("2024-06-15T12:09:00Z", phase.get("timestamp").asText());
                assertEquals(RUN, phase.get("run_id").asText());
                assertEquals("run is healthy", got.get(8).get("Log").get("message").asText());
                assertEquals("2024-06-15T12:09:00.500Z", got.get(8).get("Log").get("timestamp").asText());
                JsonNode last = got.get(9).get("Status");
                assertEquals("completed", last.get("phase").asText(), "the end of the run adds only the final Status");
                assertEquals(0, last.get("active_users").asInt());
                assertEquals(600, last.get("duration_seconds").asLong());
                assertEquals(610, last.get("planned_seconds").asLong());
            }
            assertEquals(1, api.engine.subscriptions.get(), "the hub subscribes to the engine once");
        }
    }

    private static void assertMetrics(JsonNode m, int second) {
        assertEquals(List.of("timestamp", "cpu_usage", "ram_usage", "throughput_rps", "error_rate", "status_codes",
                "latency_p50_ms", "latency_p90_ms", "latency_p95_ms", "latency_p99_ms", "latency_p999_ms",
                "network_in_kbps", "network_out_kbps", "phase", "run_id", "active_users", "requests", "failures",
                "latency_p99_corrected_ms", "errors", "elapsed_seconds", "interval_seconds", "latency_max_ms", "checks_failed",
                "skipped", "dropped_iterations", "iterations_started"), fieldNames(m));
        assertEquals(Instant.parse("2024-06-15T12:01:00Z").plusSeconds(second).toString(), m.get("timestamp").asText());
        assertEquals(52.2, m.get("cpu_usage").asDouble());
        assertEquals(43.1, m.get("ram_usage").asDouble());
        assertEquals(410.5, m.get("throughput_rps").asDouble());
        assertEquals(0.5, m.get("error_rate").asDouble());
        assertEquals(950, m.get("status_codes").get("200").asLong());
        assertEquals(20, m.get("status_codes").get("400").asLong());
        assertEquals(5, m.get("status_codes").get("500").asLong());
        assertEquals(70.4, m.get("latency_p50_ms").asDouble());
        assertEquals(180.2, m.get("latency_p90_ms").asDouble());
        assertEquals(210.5, m.get("latency_p95_ms").asDouble());
        assertEquals(340.4, m.get("latency_p99_ms").asDouble());
        assertEquals(489.0, m.get("latency_p999_ms").asDouble());
        assertEquals(2300.0, m.get("network_in_kbps").asDouble());
        assertEquals(3150.0, m.get("network_out_kbps").asDouble());
        assertEquals("maintain", m.get("phase").asText());
        assertEquals(RUN, m.get("run_id").asText());
        assertEquals(200, m.get("active_users").asInt());
        assertEquals(975, m.get("requests").asLong());
        assertEquals(5, m.get("failures").asLong());
        assertEquals(351.0, m.get("latency_p99_corrected_ms").asDouble());
        assertEquals(5, m.get("errors").get("unexpected_status").asLong());
        assertEquals(512.5, m.get("latency_max_ms").asDouble());
    }

    @Test
    void anUnknownHostCpuIsNullInTheMetricsEnvelope() {
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            c.next(PROMPTLY);
            Await.until(() -> api.server.streamStats().sessions() == 1, PROMPTLY, () -> api.server.streamStats().toString());
            api.engine.emit(MetricsSnapshots.builder().runId(RUN).build());
            JsonNode m = json(c.next(PROMPTLY)).get("Metrics");
            assertTrue(m.has("cpu_usage") && m.get("cpu_usage").isNull(), m.toString());
            assertTrue(m.get("ram_usage").isNull(), m.toString());
        }
    }

    @Test
    void theMetricsEnvelopeCarriesTheIntervalsFailedChecksAndSkippedRequests() {
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            c.next(PROMPTLY);
            Await.until(() -> api.server.streamStats().sessions() == 1, PROMPTLY, () -> api.server.streamStats().toString());
            api.engine.emit(MetricsSnapshots.builder().runId(RUN).requests(40).failures(3)
                    .errors(Map.of("check_failed", 3L)).checksFailed(4).skipped(2).build());
            JsonNode m = json(c.next(PROMPTLY)).get("Metrics");
            assertEquals(4, m.get("checks_failed").asLong(), "a request that failed two checks counts twice: " + m);
            assertEquals(2, m.get("skipped").asLong(), m.toString());
            assertEquals(40, m.get("requests").asLong(), "skipped requests are not requests: " + m);
            assertEquals(3, m.get("errors").get("check_failed").asLong(), m.toString());
        }
    }

    @Test
    void aLogLineStampedBeforeThePreviousOneCarriesThePreviousTimestamp() {
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            c.next(PROMPTLY);
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:09:00.250Z"), LogLevel.INFO, "phase shutdown: waiting"));
            // the ticker stamped its burst line a moment before the controller's line, and was delivered after it
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:09:00.240Z"), LogLevel.WARN, "error burst ended"));
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:09:01Z"), LogLevel.INFO, "phase completed"));
            List<String> stamps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                stamps.add(json(c.next(PROMPTLY)).get("Log").get("timestamp").asText());
            }
            assertEquals(List.of("2024-06-15T12:09:00.250Z", "2024-06-15T12:09:00.250Z", "2024-06-15T12:09:01Z"), stamps);
        }
    }

    @Test
    void theEndOfARunSendsTheFinalStatusAndNoLogLine() {
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            c.next(PROMPTLY);
            api.engine.emit(new RunEnded(summary()));
            api.engine.emit(new LogEvent(RUN, Instant.parse("2024-06-15T12:10:01Z"), LogLevel.INFO, "marker"));
            assertEquals("completed", json(c.next(PROMPTLY)).get("Status").get("phase").asText());
            assertEquals("marker", json(c.next(PROMPTLY)).get("Log").get("message").asText());
        }
    }

    @Test
    void anIntervalSampleSendsNoEnvelopeOfItsOwn() {
        try (WsCollector c = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            c.next(PROMPTLY);
            api.engine.emit(new IntervalSampleEvent(new IntervalSample(RUN, IntervalSample.LOCAL, 61,
                    Instant.parse("2024-06-15T12:01:01Z"), 61, 1, RunPhase.MAINTAIN, 200, 52.2, 43.1, List.of(), List.of(),
                    List.of(), 0, EncodedHistogram.EMPTY)));
            api.engine.emit(metrics(1));
            assertMetrics(json(c.next(PROMPTLY)).get("Metrics"), 1);
        }
    }

    @Test
    void closingTheServerClosesClientsWithGoingAway() {
        try (WsCollector a = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY);
             WsCollector b = WsCollector.connect(wsUrl(""), "x-api-key", ApiHarness.RO_KEY)) {
            a.next(PROMPTLY);
            b.next(PROMPTLY);
            api.server.close();
            Await.until(() -> a.closeCode != -1 && b.closeCode != -1, PROMPTLY, () -> a.closeCode + " " + b.closeCode);
            assertEquals(1001, a.closeCode);
            assertEquals(1001, b.closeCode);
        }
    }

    @Test
    void aClientThatLeavesIsReleased() {
        WsCollector c = WsCollector.connect(wsUrl("?access_token=" + ApiHarness.RO_KEY));
        c.next(PROMPTLY);
        assertEquals(1, api.server.streamStats().sessions());
        c.close();
        Await.until(() -> api.server.streamStats().sessions() == 0, PROMPTLY, () -> api.server.streamStats().toString());
    }

    @Test
    void closingTheServerUnsubscribesFromTheEngine() {
        assertEquals(1, api.engine.listenerCount());
        api.server.close();
        assertEquals(0, api.engine.listenerCount());
    }
}
