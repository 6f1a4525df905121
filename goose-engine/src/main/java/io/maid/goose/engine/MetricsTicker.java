package io.maid.goose.engine;

import io.maid.goose.domain.IntervalSampleEvent;
import io.maid.goose.domain.KeyTimeline;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.engine.metrics.EncodedHistograms;
import io.maid.goose.engine.metrics.HdrIntervalSampleMath;
import io.maid.goose.engine.metrics.IntervalAggregator;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;
import io.maid.goose.ports.out.SystemProbe;
import io.maid.goose.ports.out.SystemSample;
import org.HdrHistogram.Histogram;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

/**
 * Once a second, on whole-second deadlines from the run start (so it never drifts), turns what the users
 * recorded into an {@link IntervalSample} (counter deltas and encoded histograms per request key, published
 * as an {@link IntervalSampleEvent}), reduces that sample to a {@link MetricsSnapshot} through
 * {@link HdrIntervalSampleMath#snapshot} (the reduction the in-port offers the adapters), publishes both and a
 * {@link StatusEvent}, and warns about error bursts. If it falls behind, the next sample simply covers the
 * longer interval, with its exact length. The snapshot's latency percentiles and maximum are those of the
 * interval's successful requests; the corrected p99 covers all.
 * A snapshot's phase is the phase in which it is published ({@link PhaseTimeline#publishInCurrent}), so in
 * the event order it always follows the change into that phase and precedes the change out of it.
 *
 * <p>Error bursts: an interval with at least {@value #BURST_MIN_REQUESTS} requests of which at least
 * {@value #BURST_ERROR_RATE} % failed starts a burst, logged once as a warning with its errors; the burst
 * goes on through intervals like it (and through intervals with too few requests to judge) and is logged once
 * more when an interval below the rate ends it, or when the run ends, with its length and totals. So a
 * target that fails for a minute gives two log lines, not sixty.
 *
 * <p>Runs on its own thread until {@link #stop()}; then the controller calls {@link #finalTick()} once, for
 * the last partial interval, so that the snapshots' request counts add up to the run's total exactly.
 */
final class MetricsTicker implements Runnable {
    private static final Logger LOG = System.getLogger(MetricsTicker.class.getName());
    private static final long SECOND = 1_000_000_000L;
    private static final HdrIntervalSampleMath MATH = new HdrIntervalSampleMath();
    /** An interval with at least this many requests ... */
    static final long BURST_MIN_REQUESTS = 10;
    /** ... and at least this error rate (%) is an error burst. */
    static final double BURST_ERROR_RATE = 10.0;

    private final String runId;
    private final Clock clock;
    private final long startNanos;
    private final long plannedSeconds;
    private final IntervalAggregator aggregator;
    private final UserPool users;
    private final PhaseTimeline phases;
    private final SystemProbe probe;
    private final EventFanOut events;
    private final Consumer<Throwable> onFailure;
    /** Arrivals dropped and started so far (the open model; 0 otherwise). */
    private final LongSupplier droppedSoFar;
    private final LongSupplier startedSoFar;
    private long droppedBefore;
    private long startedBefore;
    private final StopSignal stop = new StopSignal();
    private final List<MetricsSnapshot> timeline = new ArrayList<>();
    /** Per tick, at the timeline's index: the p95 of each slot's successful requests (NaN: none). */
    private final List<double[]> slotP95 = new ArrayList<>();
    private DoubleConsumer afterTick = elapsed -> { };
    private long lastTickNanos;
    /** The 1-based index of the next sample. */
    private long second = 1;
    /** Where each second's snapshot sums the keys' histograms (reused: the ticker allocates no histogram). */
    private final Histogram okSum = EncodedHistograms.newSum();
    private final Histogram correctedSum = EncodedHistograms.newSum();
    private boolean inBurst;
    private double burstStartedAt;
    private long burstRequests;
    private long burstFailures;

    MetricsTicker(String runId, Clock clock, long startNanos, long plannedSeconds, IntervalAggregator aggregator,
                  UserPool users, PhaseTimeline phases, SystemProbe probe, EventFanOut events,
                  Consumer<Throwable> onFailure, LongSupplier droppedSoFar, LongSupplier startedSoFar) {
        this.runId = runId;
        this.clock = clock;
        this.startNanos = startNanos;
        this.plannedSeconds = plannedSeconds;
        this.lastTickNanos = startNanos;
        this.aggregator = aggregator;
        this.users = users;
        this.phases = phases;
        this.probe = probe;
        this.events = events;
        this.onFailure = onFailure;
        this.droppedSoFar = droppedSoFar;
        this.startedSoFar = startedSoFar;
    }

    @Override
    public void run() {
        long next = startNanos + SECOND;
        try {
            while (clock.sleepUntil(next, stop)) {
                long now = tick(false).nanos();
                next += SECOND;
                if (next - now <= 0) {
                    next = now + SECOND - Math.floorMod(now - startNanos, SECOND);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onFailure.accept(e);
        } catch (RuntimeException | Error e) {
            onFailure.accept(e);
        }
    }

    void stop() {
        stop.signal();
    }

    /** Called on this thread after every tick but the last, with the run's elapsed seconds; set before it runs. */
    void afterEachTick(DoubleConsumer listener) {
        this.afterTick = listener;
    }

    /** The last partial interval; call once, after the ticker thread has ended. */
    Tick finalTick() {
        return tick(true);
    }

    /** Every snapshot so far, in order; read after the ticker thread has ended. */
    List<MetricsSnapshot> timeline() {
        return List.copyOf(timeline);
    }

    /**
     * Per request key, in slot order, its p95 latency at every timeline entry; read after the ticker
     * thread has ended.
     */
    List<KeyTimeline> keyTimelines(RunLayout layout) {
        List<KeyTimeline> out = new ArrayList<>(layout.slotCount());
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            double[] values = new double[slotP95.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = slotP95.get(i)[slot];
            }
            out.add(new KeyTimeline(layout.requestKey(slot), values));
        }
        return out;
    }

    /** One snapshot and the monotonic time it was taken at. */
    record Tick(MetricsSnapshot snapshot, long nanos) {
    }

    /** A published sample and the snapshot reduced from it. */
    private record Published(IntervalSample sample, MetricsSnapshot snapshot) {
    }

    private Tick tick(boolean last) {
        long now = clock.monotonicNanos();
        // Read with the clock, before collecting (which takes time): the arrivals then fall in the interval they
        // were due in.
        long droppedNow = droppedSoFar.getAsLong();
        long dropped = droppedNow - droppedBefore;
        droppedBefore = droppedNow;
        long startedNow = startedSoFar.getAsLong();
        long started = startedNow - startedBefore;
        startedBefore = startedNow;
        IntervalAggregator.Interval collected = aggregator.collect(users.counters());
        double interval = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        SystemSample host = sample();
        long index = second++;
        // The phase, the users and the wall time are read where the sample is published, with no phase move
        // in between: collecting and the probe take time, and a phase read before them would be published
        // after the next phase's events (a "maintain" row after the "shutdown" line).
        Published published = phases.publishInCurrent(phase -> {
            int active = users.live();
            IntervalSample sample = collected.sample(runId, index, clock.wallTime(), elapsed, interval, phase, active,
                    host.cpuPercent(), host.ramPercent(), dropped, started);
            MetricsSnapshot m = MATH.snapshot(sample, collected.histograms(), okSum, correctedSum);
            events.publish(new IntervalSampleEvent(sample));
            events.publish(m);
            events.publish(new StatusEvent(runId, phase, active, (now - startNanos) / SECOND, plannedSeconds));
            return new Published(sample, m);
        });
        MetricsSnapshot snapshot = published.snapshot();
        timeline.add(snapshot);
        slotP95.add(MATH.okP95ByKey(published.sample(), collected.histograms()));
        trackBursts(snapshot, elapsed, interval, last);
        if (!last) {
            afterTick.accept(elapsed);
        }
        return new Tick(snapshot, now);
    }

    private void trackBursts(MetricsSnapshot s, double elapsed, double interval, boolean last) {
        double errorRate = s.errorRate();
        Instant wall = s.timestamp();
        boolean judged = s.requests() >= BURST_MIN_REQUESTS;
        boolean bursting = judged && errorRate >= BURST_ERROR_RATE;
        if (bursting && !inBurst) {
            inBurst = true;
            burstStartedAt = elapsed - interval;
            burstRequests = 0;
            burstFailures = 0;
            events.publish(new LogEvent(runId, wall, LogLevel.WARN, String.format(Locale.ROOT,
                    "error burst started at %.1f s: %.1f%% of %d requests failed in the last %.1f s %s",
                    burstStartedAt, errorRate, s.requests(), interval, s.errors())));
        }
        if (!inBurst) {
            return;
        }
        if (bursting || !judged) {
            burstRequests += s.requests();
            burstFailures += s.failures();
        }
        if ((judged && !bursting) || last) {
            inBurst = false;
            double until = bursting || !judged ? elapsed : elapsed - interval;
            events.publish(new LogEvent(runId, wall, LogLevel.WARN, String.format(Locale.ROOT,
                    "error burst %s after %.1f s: %d of %d requests failed (%.1f%%)",
                    judged && !bursting ? "ended" : "lasted to the end of the run", until - burstStartedAt,
                    burstFailures, burstRequests, burstRequests == 0 ? 0 : 100.0 * burstFailures / burstRequests)));
        }
    }

    private SystemSample sample() {
        try {
            SystemSample sample = probe.sample();
            return sample == null ? SystemSample.UNKNOWN : sample;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "the system probe failed; cpu and ram are reported as unknown", e);
            return SystemSample.UNKNOWN;
        }
    }

}
