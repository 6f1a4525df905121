package io.maid.goose.engine.metrics;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's latency recording: a fixed set of {@link LatencyStripe}s, each with three histograms per slot (the raw
 * latency of successful requests, the raw latency of failed requests, and the latency of all requests
 * corrected for coordinated omission) and one of the TLS handshake times. Values are microseconds in
 * {@code [1 µs, 1 h]} at 3 significant digits, so any recorded value is within 0.1% of the true one.
 *
 * <p><b>Who writes where.</b> Every event loop has a stripe of its own ({@link #perLoop}), written by the loop's
 * thread alone, so no atomic and no cache line is shared between loops on the request path. Thread users
 * share a bounded pool of stripes ({@link #forThreadUsers}), user {@code i} writing stripe {@code i mod n}:
 * thousands of users cost what {@code n} stripes cost, and two users contend only when they record at the same
 * moment into the same stripe.
 *
 * <p>The metrics thread {@link #drainInto drains} every stripe once a second into per-slot histograms of the
 * recorders' range, where the stripes' intervals become the run's.
 */
public final class LatencyRecorders {
    /** The smallest recordable latency, µs. */
    public static final long LOWEST_US = 1;
    /** The largest recordable latency, µs (one hour); longer latencies are recorded as this. */
    public static final long HIGHEST_US = 3_600_000_000L;
    /** Significant decimal digits kept. */
    public static final int DIGITS = 3;
    /** Thread users share at most this many stripes, however many cores there are. */
    public static final int MAX_THREAD_STRIPES = 32;

    private final int slots;
    private final List<LatencyStripe> stripes;

    private LatencyRecorders(int slots, int stripes, boolean shared) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be at least 1, was " + stripes);
        }
        this.slots = slots;
        List<LatencyStripe> made = new ArrayList<>(stripes);
        for (int i = 0; i < stripes; i++) {
            made.add(new LatencyStripe(slots, shared));
        }
        this.stripes = List.copyOf(made);
    }

    /** One single-writer stripe per event loop; stripe {@code i} is loop {@code i}'s. */
    public static LatencyRecorders perLoop(int slots, int loops) {
        return new LatencyRecorders(slots, loops, false);
    }

    /**
     * Shared stripes for thread users: twice the cores (so that users running at once on different carriers
     * rarely meet), at most {@value #MAX_THREAD_STRIPES}, and never more than there are users.
     */
    public static LatencyRecorders forThreadUsers(int slots, int users) {
        int n = Math.min(Math.min(2 * Runtime.getRuntime().availableProcessors(), MAX_THREAD_STRIPES), users);
        return new LatencyRecorders(slots, Math.max(1, n), true);
    }

    /** A single stripe with one writer (tests and benchmarks that record from one thread). */
    public static LatencyRecorders singleWriter(int slots) {
        return perLoop(slots, 1);
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
        return slots;
    }

    public int stripeCount() {
        return stripes.size();
    }

    /** Stripe {@code i}: an event loop's own, or one of the thread users' pool. */
    public LatencyStripe stripe(int i) {
        return stripes.get(i);
    }

    /** The stripe user {@code userIndex} records into, when users are spread over the stripes by index. */
    public LatencyStripe stripeOfUser(int userIndex) {
        return stripes.get(Math.floorMod(userIndex, stripes.size()));
    }

    /**
     * Adds what every stripe recorded since the previous call into the per-slot histograms and the handshake
     * histogram (which the caller owns and resets); see {@link LatencyStripe#drainInto}. The metrics thread only.
     */
    public void drainInto(Histogram[] ok, Histogram[] failed, Histogram[] corrected, Histogram handshakes) {
        for (LatencyStripe s : stripes) {
            s.drainInto(ok, failed, corrected, handshakes);
        }
    }
}
