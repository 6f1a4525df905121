package io.maid.goose.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Three HdrHistogram {@link Recorder}s per slot: the raw latency of successful requests, the raw latency
 * of failed requests, and the latency of all requests corrected for coordinated omission. Values are
 * microseconds in {@code [1 µs, 1 h]} at 3 significant digits, so any recorded value is within 0.1% of
 * the true one.
 *
 * <p>Each request is recorded twice, as before the split: into exactly one of {@link #ok} and
 * {@link #failed}, and into {@link #corrected}. The latency of all requests is never recorded on its own:
 * it is {@code ok + failed}, added up off the request path. A slot's failed recorder is made on the
 * slot's first failure (one compare-and-set, once), so a healthy run costs no memory for it: each
 * histogram of this range and precision takes about 190 KB.
 *
 * <p><b>Sharing.</b> The recorders of a slot are shared by every user of that slot's scenario, on every
 * thread and event loop: a {@code Recorder} is wait-free for writers (no lock), but its writers do contend
 * on its atomics. One aggregator thread swaps the interval histograms out once a second.
 */
public final class LatencyRecorders {
    /** The smallest recordable latency, µs. */
    public static final long LOWEST_US = 1;
    /** The largest recordable latency, µs (one hour); longer latencies are recorded as this. */
    public static final long HIGHEST_US = 3_600_000_000L;
    /** Significant decimal digits kept. */
    public static final int DIGITS = 3;

    private final Recorder[] ok;
    private final AtomicReferenceArray<Recorder> failed;
    private final Recorder[] corrected;

    public LatencyRecorders(int slots) {
        ok = new Recorder[slots];
        failed = new AtomicReferenceArray<>(slots);
        corrected = new Recorder[slots];
        for (int i = 0; i < slots; i++) {
            ok[i] = new Recorder(LOWEST_US, HIGHEST_US, DIGITS);
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
        return ok.length;
    }

    /** Raw latency of the slot's successful requests. */
    public Recorder ok(int slot) {
        return ok[slot];
    }

    /** Raw latency of the slot's failed requests; made on the first call for the slot, from any thread. */
    public Recorder failed(int slot) {
        Recorder r = failed.get(slot);
        if (r != null) {
            return r;
        }
        Recorder made = new Recorder(LOWEST_US, HIGHEST_US, DIGITS);
        Recorder raced = failed.compareAndExchange(slot, null, made);
        return raced == null ? made : raced;
    }

    /** The slot's failed recorder, or null while the slot has had no failure. */
    public Recorder failedIfAny(int slot) {
        return failed.get(slot);
    }

    /** Latency of all the slot's requests, corrected for coordinated omission. */
    public Recorder corrected(int slot) {
        return corrected[slot];
    }
}
