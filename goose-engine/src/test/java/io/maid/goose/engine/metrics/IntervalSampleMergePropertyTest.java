package io.maid.goose.engine.metrics;

import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.maid.goose.engine.metrics.Samples.HOME;
import static io.maid.goose.engine.metrics.Samples.ok;
import static io.maid.goose.engine.metrics.Samples.sample;
import static io.maid.goose.engine.metrics.Samples.withHandshakes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Merging is exact: however a set of recorded values is split between sources (or seconds), the merged sample
 * has the same distribution, to the last percentile, as one histogram holding them all. The TLS handshake times,
 * split between the sources at random independently of the latencies, likewise.
 */
class IntervalSampleMergePropertyTest {
    private static final int TRIALS = 300;
    private static final double[] PERCENTILES = {0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};
    private final HdrIntervalSampleMath math = new HdrIntervalSampleMath();

    @Test
    void mergingRandomPartitionsOfTheSameSecondGivesThePercentilesOfOneHistogram() {
        SplittableRandom random = new SplittableRandom(20261203);
        for (int trial = 0; trial < TRIALS; trial++) {
            long[] values = values(random);
            long[] handshakes = values(random);
            List<long[]> parts = partition(values, 1 + random.nextInt(8), random);
            List<long[]> handshakeParts = partition(handshakes, parts.size(), random);
            List<IntervalSample> sources = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                sources.add(withHandshakes(sample("worker-" + p, 7, List.of(ok(HOME, parts.get(p)))),
                        handshakeParts.get(p)));
            }
            IntervalSample merged = math.merge("coordinator", sources);
            String what = "trial " + trial + " (" + values.length + " values in " + parts.size() + " parts)";
            assertSameDistribution(Samples.histogram(values), merged, what);
            assertSameHandshakes(Samples.histogram(handshakes), merged, what);
        }
    }

    @Test
    void accumulatingRandomPartitionsOverSecondsGivesThePercentilesOfOneHistogram() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < TRIALS; trial++) {
            long[] values = values(random);
            long[] handshakes = values(random);
            List<long[]> parts = partition(values, 1 + random.nextInt(12), random);
            List<long[]> handshakeParts = partition(handshakes, parts.size(), random);
            IntervalSample total = null;
            for (int p = 0; p < parts.size(); p++) {
                total = math.accumulate(total, withHandshakes(sample("local", p + 1, List.of(ok(HOME, parts.get(p)))),
                        handshakeParts.get(p)));
            }
            assertSameDistribution(Samples.histogram(values), total, "trial " + trial);
            assertSameHandshakes(Samples.histogram(handshakes), total, "trial " + trial);
        }
    }

    private void assertSameDistribution(Histogram expected, IntervalSample merged, String what) {
        KeySample key = merged.keys().getFirst();
        Histogram ok = EncodedHistograms.decode(key.ok());
        assertEquals(expected.getTotalCount(), key.requests(), what);
        assertEquals(expected.getTotalCount(), ok.getTotalCount(), what);
        for (double p : PERCENTILES) {
            assertEquals(expected.getValueAtPercentile(p), ok.getValueAtPercentile(p), what + ", p" + p);
        }
        assertEquals(expected.getMinValue(), ok.getMinValue(), what);
        assertEquals(expected.getMaxValue(), ok.getMaxValue(), what);
        assertEquals(expected.getMean(), ok.getMean(), 1e-9 * expected.getMean(), what);
        assertEquals(expected, EncodedHistograms.decode(key.corrected()), what + ": corrected");

        LatencyStats stats = Latencies.of(expected);
        MetricsSnapshot snapshot = math.snapshot(merged);
        assertEquals(stats.p50Ms(), snapshot.latencyP50Ms(), what);
        assertEquals(stats.p90Ms(), snapshot.latencyP90Ms(), what);
        assertEquals(stats.p95Ms(), snapshot.latencyP95Ms(), what);
        assertEquals(stats.p99Ms(), snapshot.latencyP99Ms(), what);
        assertEquals(stats.p999Ms(), snapshot.latencyP999Ms(), what);
        assertEquals(stats.maxMs(), snapshot.latencyMaxMs(), what);
        assertEquals(Latencies.percentileMs(expected, 99), snapshot.latencyP99CorrectedMs(), what);
    }

    private void assertSameHandshakes(Histogram expected, IntervalSample merged, String what) {
        Histogram tls = EncodedHistograms.decode(merged.tlsHandshakes());
        assertEquals(expected, tls, what + ": handshakes");
        for (double p : PERCENTILES) {
            assertEquals(expected.getValueAtPercentile(p), tls.getValueAtPercentile(p), what + ", handshake p" + p);
        }
        assertEquals(Latencies.handshakes(expected), math.totals(merged, 1).handshakes(), what + ": handshake totals");
    }

    /** 1 to 3,000 latencies, µs, from one of three shapes: tight, long-tailed, or spread over the whole range. */
    private static long[] values(SplittableRandom random) {
        long[] values = new long[1 + random.nextInt(3_000)];
        int shape = random.nextInt(3);
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            long v = switch (shape) {
                case 0 -> 200 + random.nextInt(300);
                case 1 -> Math.round(500 * Math.exp(2.5 * -Math.log(1 - u) / 3));
                default -> Math.round(Math.pow(10, 9.5 * u));
            };
            values[i] = LatencyRecorders.clampMicros(v);
        }
        return values;
    }

    /** Deals the values to {@code n} parts at random; a part may be empty. */
    private static List<long[]> partition(long[] values, int n, SplittableRandom random) {
        List<List<Long>> parts = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            parts.add(new ArrayList<>());
        }
        for (long v : values) {
            parts.get(random.nextInt(n)).add(v);
        }
        List<long[]> out = new ArrayList<>();
        for (List<Long> part : parts) {
            out.add(part.stream().mapToLong(Long::longValue).toArray());
        }
        return out;
    }
}
