package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.sample.EncodedHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

/**
 * Classic Prometheus buckets for request latency, filled from the engine's HdrHistograms.
 *
 * <p>Classic buckets, not native ones: the OpenMetrics 1.0 and 0.0.4 text formats that {@code /metrics} serves
 * cannot carry native histograms (only the protobuf format can), and every Prometheus and Grafana version can
 * run {@code histogram_quantile} over {@code le} buckets. The edges span 0.5 ms to 60 s in the usual 1-2.5-5
 * steps; the engine's own percentiles (reports, stream) stay exact, the buckets are for dashboards and alerts.
 *
 * <p>A recorded value goes into the first bucket whose edge is at least the lowest value HdrHistogram holds it
 * as equivalent to, so an edge is exact to HdrHistogram's resolution (3 significant digits, 0.1 %). The sum uses
 * each value's median equivalent.
 */
final class LatencyBuckets {
    /** Upper edges in seconds, without +Inf. */
    static final double[] EDGES_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60};
    private static final long[] EDGES_MICROS = new long[EDGES_SECONDS.length];

    static {
        for (int i = 0; i < EDGES_SECONDS.length; i++) {
            EDGES_MICROS[i] = Math.round(EDGES_SECONDS[i] * 1e6);
        }
    }

    /** Per bucket (the last is +Inf) how many values fell in it, not cumulative; plus their count and sum. */
    private final long[] counts = new long[EDGES_SECONDS.length + 1];
    private long count;
    private double sumSeconds;

    /** Adds every value of {@code encoded} (microseconds); an empty histogram adds nothing. */
    void add(EncodedHistogram encoded) {
        if (encoded.isEmpty()) {
            return;
        }
        Histogram h = decode(encoded);
        for (HistogramIterationValue v : h.recordedValues()) {
            long n = v.getCountAddedInThisIterationStep();
            long value = v.getValueIteratedTo();
            counts[bucketOf(h.lowestEquivalentValue(value))] += n;
            count += n;
            sumSeconds += h.medianEquivalentValue(value) * (double) n / 1e6;
        }
    }

    void addAll(LatencyBuckets other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sumSeconds += other.sumSeconds;
    }

    /** The per-bucket counts, the last for +Inf. */
    long[] counts() {
        return counts.clone();
    }

    long count() {
        return count;
    }

    double sumSeconds() {
        return sumSeconds;
    }

    /** The upper edges with +Inf last, as the client's bucket model wants them. */
    static double[] upperBounds() {
        double[] bounds = new double[EDGES_SECONDS.length + 1];
        System.arraycopy(EDGES_SECONDS, 0, bounds, 0, EDGES_SECONDS.length);
        bounds[EDGES_SECONDS.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    private static int bucketOf(long micros) {
        for (int i = 0; i < EDGES_MICROS.length; i++) {
            if (micros <= EDGES_MICROS[i]) {
                return i;
            }
        }
        return EDGES_MICROS.length;
    }

    private static Histogram decode(EncodedHistogram encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded.bytes()), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a latency histogram of the sample is not an HdrHistogram encoding", e);
        }
    }
}
