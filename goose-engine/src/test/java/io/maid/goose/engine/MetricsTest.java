package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.Transaction;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Respond;
import io.maid.goose.testkit.ScriptedTransport.Sent;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.maid.goose.engine.EngineHarness.config;
import static io.maid.goose.engine.MeasuredRun.assertWithinHdrPrecision;
import static io.maid.goose.engine.MeasuredRun.backToBack;
import static io.maid.goose.engine.MeasuredRun.nearestRank;
import static io.maid.goose.engine.MeasuredRun.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine measures, checked against what the scripted transport actually did, on runs of exactly
 * known size ({@link MeasuredRun}).
 */
class MetricsTest {
    /** How the engine runs users in these tests; {@code MetricsOnLoopsTest} runs them all on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private MeasuredRun run(RunConfig config, long requests, ScriptedTransport.Script script) {
        return MeasuredRun.of(users(), config, requests, script);
    }

    /** 1 ms per request; every 10th answers 500, every 10th (offset 7) fails with a reset, 100 B out / 1000 B in. */
    private static ScriptedTransport.Step mixed(ScriptedTransport.Call call) {
        long n = call.callNumber();
        if (n % 10 == 3) {
            return ScriptedTransport.respond(500, Duration.ofMillis(1), 100, 50);
        }
        if (n % 10 == 7) {
            return ScriptedTransport.fail(ErrorKind.CONNECTION_RESET, Duration.ofMillis(1));
        }
        return ScriptedTransport.respond(200, Duration.ofMillis(1), 100, 1000);
    }

    @Test
    void countsEqualWhatTheTransportSaw() {
        MeasuredRun r = run(backToBack(3).get("root", "/").build(), 2000, MetricsTest::mixed);
        List<Sent> sent = r.sent();
        StatsRow total = r.summary().total();

        assertEquals(2003, sent.size());
        assertEquals(sent.size(), total.count());
        long resets = sent.stream().filter(s -> s.step() instanceof ScriptedTransport.Fail).count();
        long status500 = sent.stream().filter(s -> status(s) == 500).count();
        long status200 = sent.stream().filter(s -> status(s) == 200).count();
        assertEquals(Map.of(200, status200, 500, status500), total.statusCodes());
        assertEquals(Map.of(ErrorKind.CONNECTION_RESET, resets, ErrorKind.UNEXPECTED_STATUS, status500), total.errors());
        assertEquals(resets + status500, total.failures());
        long bytesSent = sent.stream().mapToLong(s -> s.step() instanceof Respond resp ? resp.bytesSent() : 0).sum();
        long bytesReceived = sent.stream().mapToLong(s -> s.step() instanceof Respond resp ? resp.bytesReceived() : 0).sum();
        assertEquals(bytesSent, total.bytesSent());
        assertEquals(bytesReceived, total.bytesReceived());
    }

    @Test
    void intervalRequestsAddUpToTheTotalExactly() {
        MeasuredRun r = run(backToBack(3).get("root", "/").build(), 3000, MetricsTest::mixed);
        List<MetricsSnapshot> timeline = r.timeline();
        assertEquals(r.summary().total().count(), timeline.stream().mapToLong(MetricsSnapshot::requests).sum());
        assertEquals(r.summary().total().failures(), timeline.stream().mapToLong(MetricsSnapshot::failures).sum());
        Map<String, Long> statuses = new HashMap<>();
        timeline.forEach(m -> m.statusCodes().forEach((code, n) -> statuses.merge(code, n, Long::sum)));
        Map<String, Long> expected = new HashMap<>();
        r.summary().total().statusCodes().forEach((code, n) -> expected.put(Integer.toString(code), n));
        assertEquals(expected, statuses);
        assertEquals(r.summary().durationSeconds(), timeline.stream().mapToDouble(MetricsSnapshot::intervalSeconds).sum(), 1e-6);
    }

    @Test
    void snapshotsCarryRatesAndTheNetworkInKilobits() {
        // One user launched at 0.5 s, a request every 0.4 s (0.5, 0.9, 1.3, 1.7, 2.1, 2.5, 2.9 ...): never on a
        // whole second, so the interval (1 s, 2 s] holds exactly 2 requests and (2 s, 3 s] exactly 3.
        EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.respond(200, Duration.ZERO, 100, 1000));
        RunHandle run = h.start(config().users(1).hatchRate(2).durationSeconds(60).thinkTimeSeconds(0.4)
                .get("root", "/").build());
        for (int step = 1; step <= 30; step++) {
            h.advanceSeconds(0.1);
            h.awaitSleepers(EngineHarness.ENGINE_SLEEPERS + (step >= 5 ? 1 : 0));
        }
        h.engine.stop();
        h.awaitEnd(run);
        List<MetricsSnapshot> metrics = h.events.metrics();

        MetricsSnapshot second = metrics.get(1);
        assertEquals(2.0, second.elapsedSeconds(), 1e-9);
        assertEquals(1.0, second.intervalSeconds(), 1e-9);
        assertEquals(2, second.requests());
        assertEquals(2.0, second.throughputRps(), 1e-9);
        assertEquals(16.0, second.networkInKbps(), 1e-9, "2 x 1000 B in 1 s = 16 kbit/s");
        assertEquals(1.6, second.networkOutKbps(), 1e-9, "2 x 100 B in 1 s = 1.6 kbit/s");
        assertEquals(Map.of("200", 2L), second.statusCodes());
        MetricsSnapshot third = metrics.get(2);
        assertEquals(3, third.requests());
        assertEquals(24.0, third.networkInKbps(), 1e-9);
        assertEquals(0.0, third.errorRate());
    }

    @Test
    void theErrorRateIsThePercentageOfFailedRequestsInTheInterval() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 2000, MetricsTest::mixed);
        for (MetricsSnapshot m : r.timeline()) {
            assertEquals(m.requests() == 0 ? 0 : 100.0 * m.failures() / m.requests(), m.errorRate(), 1e-9);
            if (m.intervalSeconds() > 0) {
                assertEquals(m.requests() / m.intervalSeconds(), m.throughputRps(), 1e-9);
            }
        }
        assertTrue(r.timeline().stream().anyMatch(m -> m.errorRate() > 15 && m.errorRate() < 25),
                "about 20% of requests fail");
    }

    @Test
    void percentilesAgreeWithTheRawSamples() {
        // Latencies spread from 0.1 ms to 10 ms, plus a rare 250 ms: one user, so each latency is exactly the step's.
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 1000, call -> {
            long n = call.callNumber();
            long micros = n % 97 == 0 ? 250_000 : 100 + (n * 7919) % 10_000;
            return ScriptedTransport.respond(200, Duration.ofNanos(micros * 1000));
        });
        // The released last call took no time: recorded as the 1 µs minimum.
        long[] samples = r.sent().stream().mapToLong(MeasuredRun::recordedMicros).sorted().toArray();
        LatencyStats latency = r.summary().total().latency();

        assertEquals(samples.length, r.summary().total().count());
        assertWithinHdrPrecision(nearestRank(samples, 500), latency.p50Ms(), "p50");
        assertWithinHdrPrecision(nearestRank(samples, 900), latency.p90Ms(), "p90");
        assertWithinHdrPrecision(nearestRank(samples, 950), latency.p95Ms(), "p95");
        assertWithinHdrPrecision(nearestRank(samples, 990), latency.p99Ms(), "p99");
        assertWithinHdrPrecision(nearestRank(samples, 999), latency.p999Ms(), "p99.9");
        assertWithinHdrPrecision(samples[0], latency.minMs(), "min");
        assertWithinHdrPrecision(samples[samples.length - 1], latency.maxMs(), "max");
        double mean = java.util.Arrays.stream(samples).average().orElseThrow();
        assertEquals(mean / 1000, latency.meanMs(), mean / 1000 * 0.001);
        assertEquals(1001, samples.length);
    }

    @Test
    void theTotalHistogramsAreEncodedAndDecodeToTheSamples() throws Exception {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 500, call -> ScriptedTransport.respond(200, Duration.ofMillis(2)));
        Histogram raw = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(r.summary().histograms().all())), 0);
        assertEquals(r.summary().total().count(), raw.getTotalCount());
        assertEquals(2000, raw.getValueAtPercentile(50), 2);
        Histogram corrected = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(r.summary().histograms().corrected())), 0);
        assertTrue(corrected.getTotalCount() >= raw.getTotalCount());
        Histogram ok = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(r.summary().histograms().ok())), 0);
        assertEquals(raw, ok, "every request succeeded");
    }

    @Test
    void aStallRaisesTheCorrectedP99ButNotTheRawMedian() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 3000, call -> call.callNumber() == 500
                ? ScriptedTransport.respond(200, Duration.ofSeconds(1))
                : ScriptedTransport.respond(200, Duration.ofMillis(1)));
        StatsRow total = r.summary().total();

        assertWithinHdrPrecision(1000, total.latency().p50Ms(), "raw p50");
        assertWithinHdrPrecision(1000, total.latency().p99Ms(), "raw p99: one slow sample in thousands");
        assertTrue(total.corrected().p99Ms() > 500, "corrected p99 " + total.corrected().p99Ms() + " ms shows the stall");
        assertWithinHdrPrecision(1000, total.corrected().p50Ms(), "corrected p50");
        assertTrue(r.timeline().stream().anyMatch(m -> m.latencyP99CorrectedMs() > 500 && m.latencyP99Ms() < 500),
                "the stall's interval shows it in its corrected p99 only");
    }

    @Test
    void withoutAStallCorrectedAndRawAgree() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 1000, call -> ScriptedTransport.respond(200, Duration.ofMillis(1)));
        StatsRow total = r.summary().total();
        assertEquals(total.latency().p99Ms(), total.corrected().p99Ms());
        assertEquals(total.count(), r.sent().size());
    }

    @Test
    void expectStatusDecidesWhatCountsAsSuccess() {
        Scenario scenario = new Scenario("s", 1, List.of(
                new Transaction("missing", 1, new RequestSpec(HttpMethod.GET, "/missing", List.of(), List.of(), null,
                        false, List.of(404))),
                Transaction.of("root", RequestSpec.of(HttpMethod.GET, "/"))));
        MeasuredRun r = run(backToBack(1).scenario(scenario).build(), 1000, call -> {
            boolean missing = call.request().path().equals("/missing");
            // /missing answers 404 (expected) then 200 (not expected), alternately; / always answers 404.
            int status = missing ? (call.userCallNumber() % 4 == 0 ? 404 : 200) : 404;
            return ScriptedTransport.respond(status, Duration.ofMillis(1));
        });
        StatsRow missingRow = r.summary().transactions().get(0);
        StatsRow rootRow = r.summary().transactions().get(1);
        long missing404 = missingRow.statusCodes().getOrDefault(404, 0L);
        long missing200 = missingRow.statusCodes().getOrDefault(200, 0L);

        assertEquals("s/missing", missingRow.name());
        assertTrue(missing404 > 0 && missing200 > 0);
        assertEquals(missing200, missingRow.failures(), "a 200 is a failure where only 404 is expected");
        assertEquals(Map.of(ErrorKind.UNEXPECTED_STATUS, missing200), missingRow.errors());
        long root404 = r.sent().stream().filter(c -> c.request().path().equals("/") && status(c) == 404).count();
        assertTrue(root404 > 0);
        assertEquals(root404, rootRow.failures(), "a 404 is a failure under the default 2xx/3xx rule");
        assertEquals(Map.of(ErrorKind.UNEXPECTED_STATUS, root404), rootRow.errors());
    }

    @Test
    void statsAreGroupedPerRequestKeyTransactionScenarioAndTotal() {
        Scenario a = new Scenario("A", 1, List.of(Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/")),
                Transaction.of("login", RequestSpec.of(HttpMethod.POST, "/login"))));
        Scenario b = new Scenario("B", 1, List.of(Transaction.of("home", RequestSpec.of(HttpMethod.GET, "/"))));
        MeasuredRun r = run(backToBack(2).scenario(a).scenario(b).build(), 1000,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(1)));
        RunSummary s = r.summary();
        Map<String, Long> perTransaction = new HashMap<>();
        s.transactions().forEach(row -> perTransaction.put(row.name(), row.count()));
        long aHome = perTransaction.get("A/home");
        long aLogin = perTransaction.get("A/login");
        long bHome = perTransaction.get("B/home");

        assertEquals(List.of("A/home", "A/login", "B/home"), s.transactions().stream().map(StatsRow::name).toList());
        assertEquals(List.of("GET A/home", "POST A/login", "GET B/home"), s.requests().stream().map(StatsRow::name).toList());
        assertEquals(aHome, s.requests().get(0).count(), "a request key belongs to one scenario");
        assertEquals(aLogin, s.requests().get(1).count());
        assertEquals(bHome, s.requests().get(2).count());
        assertEquals(List.of("A", "B"), s.scenarios().stream().map(StatsRow::name).toList());
        assertEquals(aHome + aLogin, s.scenarios().get(0).count());
        assertEquals(bHome, s.scenarios().get(1).count());
        assertEquals(r.sent().size(), s.total().count());
        assertEquals(s.total().count() / s.durationSeconds(), s.total().rps(), 1e-9);
    }

    @Test
    void anErrorBurstIsLoggedAsAWarning() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 500,
                call -> ScriptedTransport.respond(503, Duration.ofMillis(5)));
        assertTrue(r.h().events.logs().stream().anyMatch(l -> l.level() == LogLevel.WARN && l.message().contains("error burst")));
    }

    @Test
    void aBurstOverSeveralSecondsIsLoggedWhenItStartsAndOnceMoreAtTheEndNotEverySecond() {
        List<String> bursts = burstLogsOfTenRequestsASecond(call -> 503);
        assertEquals(List.of(
                "error burst started at 0.0 s: 100.0% of 10 requests failed in the last 1.0 s {unexpected_status=10}",
                "error burst lasted to the end of the run after 3.4 s: 34 of 34 requests failed (100.0%)"), bursts);
    }

    @Test
    void aBurstThatStopsIsLoggedAsEndedWithItsTotals() {
        List<String> bursts = burstLogsOfTenRequestsASecond(call -> call < 20 ? 503 : 200);
        assertEquals(List.of(
                "error burst started at 0.0 s: 100.0% of 10 requests failed in the last 1.0 s {unexpected_status=10}",
                "error burst ended after 2.0 s: 20 of 20 requests failed (100.0%)"), bursts);
    }

    /**
     * One user sending at 0.05 s, 0.15 s, 0.25 s ... (launched at 0.01 s, think time 0.1 s, the clock moved in
     * 0.05 s steps), so every whole second holds exactly 10 requests; stopped at 3.4 s. Returns the burst logs.
     */
    private List<String> burstLogsOfTenRequestsASecond(java.util.function.LongUnaryOperator statusOfCall) {
        EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.respond(
                (int) statusOfCall.applyAsLong(call.callNumber())));
        RunHandle run = h.start(config().users(1).hatchRate(100).durationSeconds(60).thinkTimeSeconds(0.1)
                .get("root", "/").build());
        for (int step = 1; step <= 68; step++) {
            h.advanceSeconds(0.05);
            h.awaitSleepers(EngineHarness.ENGINE_SLEEPERS + 1);
        }
        h.engine.stop();
        h.awaitEnd(run);
        return h.events.logs().stream().map(LogEvent::message).filter(m -> m.startsWith("error burst")).toList();
    }

    @Test
    void aHealthyRunLogsNoErrorBurst() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 500,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(5)));
        assertTrue(r.h().events.logs().stream().noneMatch(l -> l.message().contains("error burst")));
    }

    @Test
    void aStatusEventFollowsEverySnapshot() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 500,
                call -> ScriptedTransport.respond(200, Duration.ofMillis(5)));
        List<StatusEvent> statuses = r.h().events.statuses();
        List<MetricsSnapshot> metrics = r.h().events.metrics();
        assertEquals(metrics.size(), statuses.size());
        for (int i = 0; i < metrics.size(); i++) {
            assertEquals(metrics.get(i).phase(), statuses.get(i).phase());
            assertEquals((long) metrics.get(i).elapsedSeconds(), statuses.get(i).durationSeconds());
        }
        assertEquals(metrics, r.summary().timeline());
    }

    @Test
    void withoutAProbeCpuAndRamAreUnknown() {
        MeasuredRun r = run(backToBack(1).get("root", "/").build(), 200, call -> ScriptedTransport.respond(200, Duration.ofMillis(5)));
        assertTrue(r.timeline().stream().allMatch(m -> m.cpuUsage() == -1 && m.ramUsage() == -1));
    }
}
