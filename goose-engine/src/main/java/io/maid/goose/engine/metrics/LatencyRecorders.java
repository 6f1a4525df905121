package io.maid.goose.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One pair of HdrHistogram {@link Recorder}s per slot: raw latency (from the actual send) and latency
 * corrected for coordinated omission. Values are microseconds in {@code [1 µs, 1 h]} at 3 significant
 * digits, so any recorded value is within 0.1% of the true one.
 *
 * <p>Any number of user threads record concurrently without locks (a {@code Recorder} is wait-free for
 * writers); one aggregator thread swaps the interval histograms out once a second.
 */
public final class LatencyRecorders {
    /** The smallest recordable latency, µs. */
    public static final long LOWEST_US = 1;
    /** The largest recordable latency, µs (one hour); longer latencies are recorded as this. */
    public static final long HIGHEST_US = 3_600_000_000L;
    /** Significant decimal digits kept. */
    public static final int DIGITS = 3;

    private final Recorder[] raw;
    private final Recorder[] corrected;

    public LatencyRecorders(int slots) {
        raw = new Recorder[slots];
        corrected = new Recorder[slots];
        for (int i = 0; i < slots; i++) {
            raw[i] = new Recorder(LOWEST_US, HIGHEST_US, DIGITS);
            corrected[i] = new Recorder(LOWEST_US, HIGHEST_US, DIGITS);
        }
    }

    /** An empty histogram with the recorders' range and precision. */
    public static Histogram newHistogram() {
        return new Histogram(LOWEST_US, HIGHEST_US, DIGITS);
    }

    /** Clamps a latency to the recordable range. */
    public static long clampMicros(long micros) {
        return Math.max(LOWEST_US, Math.min(HIGHEST_US, micros));
    }

    public int slots() {
        return raw.length;
    }

    public Recorder raw(int slot) {
        return raw[slot];
    }

    public Recorder corrected(int slot) {
        return corrected[slot];
    }
}
