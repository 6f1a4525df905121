package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.domain.sample.SampleTotals;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.maid.goose.engine.metrics.Samples.HOME;
import static io.maid.goose.engine.metrics.Samples.POST;
import static io.maid.goose.engine.metrics.Samples.SLOW;
import static io.maid.goose.engine.metrics.Samples.encoded;
import static io.maid.goose.engine.metrics.Samples.key;
import static io.maid.goose.engine.metrics.Samples.ok;
import static io.maid.goose.engine.metrics.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HdrIntervalSampleMathTest {
    private final HdrIntervalSampleMath math = new HdrIntervalSampleMath();

    private static KeySample mixed(StatsKey key) {
        return key(key, 3, 2, Map.of(200, 1L, 500, 1L), Map.of(ErrorKind.UNEXPECTED_STATUS, 1L,
                ErrorKind.CONNECT_REFUSED, 1L), encoded(1_000), encoded(2_000, 50), encoded(1_000, 2_000, 50));
    }

    @Test
    void mergeAddsCountsAndMapsKeyWise() {
        IntervalSample a = sample("a", 3, List.of(ok(HOME, 100, 200), mixed(SLOW)));
        IntervalSample b = sample("b", 3, List.of(ok(HOME, 300), mixed(SLOW), ok(POST, 400)));

        IntervalSample m = math.merge("all", List.of(a, b));

        assertEquals("all", m.source());
        assertEquals(List.of(HOME, SLOW, POST), m.keys().stream().map(KeySample::key).toList());
        KeySample home = m.keys().get(0);
        assertEquals(3, home.requests());
        assertEquals(Map.of(200, 3L), home.statusCodes());
        assertEquals(600, home.bytesReceived());
        assertEquals(EncodedHistograms.decode(encoded(100, 200, 300)), EncodedHistograms.decode(home.ok()));
        KeySample slow = m.keys().get(1);
        assertEquals(6, slow.requests());
        assertEquals(4, slow.failures());
        assertEquals(Map.of(200, 2L, 500, 2L), slow.statusCodes());
        assertEquals(Map.of(ErrorKind.UNEXPECTED_STATUS, 2L, ErrorKind.CONNECT_REFUSED, 2L), slow.errors());
        assertEquals(4, EncodedHistograms.decode(slow.failed()).getTotalCount());
        assertEquals(6, EncodedHistograms.decode(slow.corrected()).getTotalCount());
        assertSame(b.keys().get(2).ok(), m.keys().get(2).ok(), "a histogram one source holds is kept as it is");
    }

    @Test
    void mergeAddsUsersAndTakesTheHighestCpuAndTheLeastAdvancedPhase() {
        IntervalSample a = sample("run-1", "a", 4, RunPhase.MAINTAIN, 10, 40, List.of(), List.of(), List.of());
        IntervalSample b = sample("run-1", "b", 4, RunPhase.INCREASE, 5, 90, List.of(), List.of(), List.of());

        IntervalSample m = math.merge("all", List.of(a, b));

        assertEquals(15, m.activeUsers());
        assertEquals(90, m.cpuUsage());
        assertEquals(45, m.ramUsage());
        assertEquals(RunPhase.INCREASE, m.phase());
        assertEquals(4, m.second());
    }

    @Test
    void mergeAddsChecksSkipsAndDroppedIterations() {
        CheckStats check = new CheckStats("browse", "home", "status in [200]", 5, 1);
        SkipStats skip = new SkipStats("browse", "home", SkipStats.DATA_EXHAUSTED, 2);
        IntervalSample a = sample("run-1", "a", 1, RunPhase.MAINTAIN, 1, 1, List.of(), List.of(check), List.of(skip));
        IntervalSample b = sample("run-1", "b", 1, RunPhase.MAINTAIN, 1, 1, List.of(), List.of(check), List.of());

        IntervalSample m = math.merge("all", List.of(a, b));

        assertEquals(List.of(new CheckStats("browse", "home", "status in [200]", 10, 2)), m.checks());
        assertEquals(List.of(skip), m.skipped());
    }

    private static IntervalSample arrivals(String source, long second, long dropped, long started) {
        return new IntervalSample("run-1", source, second, Samples.T0, second, 1.0, RunPhase.MAINTAIN, 1, -1, -1,
                List.of(), List.of(), List.of(), dropped, EncodedHistogram.EMPTY, started);
    }

    @Test
    void mergeAndAccumulateAddTheOpenModelsDroppedAndStartedIterations() {
        IntervalSample merged = math.merge("all", List.of(arrivals("a", 1, 2, 30), arrivals("b", 1, 5, 27)));
        IntervalSample total = math.accumulate(merged, arrivals("a", 2, 1, 10));

        assertEquals(7, merged.droppedIterations());
        assertEquals(57, merged.startedIterations());
        assertEquals(8, total.droppedIterations());
        assertEquals(67, total.startedIterations());
        assertEquals(7, math.snapshot(merged).droppedIterations());
        assertEquals(57, math.snapshot(merged).startedIterations(), "the per-second figure reads it from the sample");
    }

    @Test
    void mergeRefusesSamplesOfDifferentRuns() {
        IntervalSample a = sample("run-1", "a", 1, RunPhase.MAINTAIN, 1, 1, List.of(), List.of(), List.of());
        IntervalSample b = sample("run-2", "b", 1, RunPhase.MAINTAIN, 1, 1, List.of(), List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> math.merge("all", List.of(a, b)));
        assertTrue(e.getMessage().contains("different runs"), e.getMessage());
    }

    @Test
    void mergeRefusesSamplesOfDifferentSeconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> math.merge("all", List.of(sample("a", 1, List.of()), sample("b", 2, List.of()))));
        assertTrue(e.getMessage().contains("different seconds"), e.getMessage());
    }

    @Test
    void mergeRefusesNothing() {
        assertThrows(IllegalArgumentException.class, () -> math.merge("all", List.of()));
    }

    @Test
    void accumulateAddsCountsAndIntervalsAndKeepsTheLaterGauges() {
        IntervalSample first = sample("run-1", "local", 1, RunPhase.INCREASE, 5, 30, List.of(ok(HOME, 100)), List.of(),
                List.of());
        IntervalSample second = sample("run-1", "local", 2, RunPhase.MAINTAIN, 10, 60, List.of(ok(HOME, 200, 300)),
                List.of(), List.of());

        IntervalSample total = math.accumulate(math.accumulate(null, first), second);

        assertEquals(2, total.second());
        assertEquals(2.0, total.intervalSeconds());
        assertEquals(RunPhase.MAINTAIN, total.phase());
        assertEquals(10, total.activeUsers());
        assertEquals(60, total.cpuUsage());
        assertEquals(second.timestamp(), total.timestamp());
        assertEquals(3, total.keys().getFirst().requests());
        assertEquals(EncodedHistograms.decode(encoded(100, 200, 300)), EncodedHistograms.decode(total.keys().getFirst().ok()));
    }

    @Test
    void accumulateStartsFromTheFirstSample() {
        IntervalSample first = sample("local", 1, List.of(ok(HOME, 100)));
        assertSame(first, math.accumulate(null, first));
    }

    @Test
    void accumulateRefusesAnotherRunOrAnEarlierSecond() {
        IntervalSample total = sample("local", 3, List.of());
        assertThrows(IllegalArgumentException.class, () -> math.accumulate(total,
                sample("run-2", "local", 4, RunPhase.MAINTAIN, 1, 1, List.of(), List.of(), List.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> math.accumulate(total, sample("local", 3, List.of())));
        assertTrue(e.getMessage().contains("does not follow"), e.getMessage());
    }

    @Test
    void snapshotReducesTheSampleToThePerSecondFigures() {
        CheckStats check = new CheckStats("browse", "slow", "status in [200]", 4, 3);
        SkipStats skip = new SkipStats("browse", "slow", SkipStats.TEMPLATE_ERROR, 2);
        IntervalSample s = new IntervalSample("run-1", "local", 5, Samples.T0, 5.0, 0.5, RunPhase.MAINTAIN, 7, 12.5,
                30, List.of(ok(HOME, 1_000, 3_000), mixed(SLOW)), List.of(check), List.of(skip), 0, EncodedHistogram.EMPTY);

        MetricsSnapshot m = math.snapshot(s);

        assertEquals(5, m.requests());
        assertEquals(2, m.failures());
        assertEquals(10.0, m.throughputRps(), "5 requests in half a second");
        assertEquals(40.0, m.errorRate());
        assertEquals(Map.of("200", 3L, "500", 1L), m.statusCodes());
        assertEquals(Map.of("unexpected_status", 1L, "connect_refused", 1L), m.errors());
        assertEquals(3.0, m.latencyMaxMs(), 0.01, "the successful requests' maximum");
        assertEquals(Latencies.percentileMs(Samples.histogram(1_000, 3_000, 1_000), 50), m.latencyP50Ms());
        assertEquals(Latencies.percentileMs(Samples.histogram(1_000, 3_000, 1_000, 2_000, 50), 99),
                m.latencyP99CorrectedMs());
        assertEquals((2 * 200 + 3 * 20) * 8 / 1000.0 / 0.5, m.networkInKbps(), 1e-9);
        assertEquals(3, m.checksFailed());
        assertEquals(2, m.skipped());
        assertEquals(7, m.activeUsers());
        assertEquals(12.5, m.cpuUsage());
        assertEquals(RunPhase.MAINTAIN, m.phase());
    }

    @Test
    void totalsHaveARowPerKeyTransactionAndScenario() {
        IntervalSample s = sample("local", 9, List.of(ok(HOME, 1_000, 2_000), mixed(SLOW), ok(POST, 5_000)));

        SampleTotals t = math.totals(s, 2.0);

        assertEquals(List.of(HOME, SLOW, POST), t.requests().stream().map(StatsRow::key).toList());
        assertEquals(List.of(StatsKey.transaction("browse", "home"), StatsKey.transaction("browse", "slow"),
                StatsKey.transaction("api", "post")), t.transactions().stream().map(StatsRow::key).toList());
        assertEquals(List.of(StatsKey.scenario("browse"), StatsKey.scenario("api")),
                t.scenarios().stream().map(StatsRow::key).toList());
        StatsRow browse = t.scenarios().getFirst();
        assertEquals(5, browse.count());
        assertEquals(2, browse.failures());
        assertEquals(2.5, browse.rps());
        assertEquals(Map.of(200, 3L, 500, 1L), browse.statusCodes());
        StatsRow total = t.total();
        assertEquals(6, total.count());
        assertEquals(5.0, total.latency().maxMs(), 0.01);
        assertEquals(2.0, total.failedLatency().maxMs(), 0.01);
        assertEquals(6, EncodedHistograms.decode(EncodedHistogram.ofBase64(t.histograms().corrected())).getTotalCount());
        assertEquals(6, EncodedHistograms.decode(EncodedHistogram.ofBase64(t.histograms().all())).getTotalCount(),
                "4 successful and 2 failed latencies");
        assertEquals(0, t.tlsHandshakes());
    }

    @Test
    void anEncodingThatIsNotAHistogramIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EncodedHistograms.decode(new EncodedHistogram(new byte[] {1, 2, 3})));
    }
}
