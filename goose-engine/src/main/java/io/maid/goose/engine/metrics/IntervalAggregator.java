package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what the users recorded into per-interval samples and run-long totals, off the request path.
 *
 * <p>Each {@link #collect} sums every user's cumulative {@link UserCounters} per slot, subtracts the
 * previous sum, drains every stripe of the {@link LatencyRecorders} into each slot's interval histograms,
 * encodes them into the interval's {@link KeySample}s and drains the users' error messages into the run's
 * {@link ErrorSampleSets}; their check and skip counts go to a {@link FlowTally}. Because
 * counters are cumulative and only ever diffed, the requests of all intervals add up exactly to the
 * final totals, however the intervals fall.
 *
 * <p><b>Single thread.</b> One thread at a time calls every method (the metrics ticker, then the run
 * controller once the ticker has stopped); the users only write their own counters and the recorders.
 */
public final class IntervalAggregator {
    private static final ErrorKind[] KINDS = ErrorKind.values();
    private static final int STATUS_SLOTS = UserCounters.MAX_STATUS + 1;

    private final RunLayout layout;
    private final LatencyRecorders recorders;
    private long[][] previous;
    private long[][] current;
    private long[][] previousStatus;
    private long[][] currentStatus;
    private final long[] abandoned;
    private final Histogram[] cumulativeOk;
    private final Histogram[] cumulativeFailed;
    private final Histogram[] cumulativeCorrected;
    /** The interval's histograms per slot, drained from every stripe; a failed one exists after the slot's first failure. */
    private final Histogram[] slotOk;
    private final Histogram[] slotFailed;
    private final Histogram[] slotCorrected;
    /** The TLS handshakes of the interval, drained from every stripe, and of the whole run so far. */
    private final Histogram intervalHandshakes = LatencyRecorders.newHistogram();
    private final Histogram cumulativeHandshakes = LatencyRecorders.newHistogram();
    private final EncodedHistograms.Encoder encoder = new EncodedHistograms.Encoder();
    private final ErrorSampleSets errorSamples;
    private final FlowTally flows;

    public IntervalAggregator(RunLayout layout, LatencyRecorders recorders) {
        this.layout = layout;
        this.recorders = recorders;
        int slots = layout.slotCount();
        previous = new long[slots][UserCounters.STRIDE];
        current = new long[slots][UserCounters.STRIDE];
        previousStatus = new long[slots][STATUS_SLOTS];
        currentStatus = new long[slots][STATUS_SLOTS];
        abandoned = new long[slots];
        cumulativeOk = new Histogram[slots];
        cumulativeFailed = new Histogram[slots];
        cumulativeCorrected = new Histogram[slots];
        slotOk = new Histogram[slots];
        slotFailed = new Histogram[slots];
        slotCorrected = new Histogram[slots];
        for (int s = 0; s < slots; s++) {
            cumulativeOk[s] = LatencyRecorders.newHistogram();
            cumulativeCorrected[s] = LatencyRecorders.newHistogram();
            slotOk[s] = LatencyRecorders.newHistogram();
            slotCorrected[s] = LatencyRecorders.newHistogram();
        }
        errorSamples = new ErrorSampleSets(slots);
        flows = new FlowTally(layout);
    }

    public RunLayout layout() {
        return layout;
    }

    /**
     * Counts one request of {@code slot} that was still in flight when the shutdown grace ran out: a failure
     * of kind {@link ErrorKind#ABANDONED}, with no latency. It shows in the next {@link #collect}.
     */
    public void addAbandoned(int slot) {
        abandoned[slot]++;
    }

    /**
     * Everything recorded since the previous call, per request key: counter deltas and the interval's
     * histograms, encoded (a key without activity has zero counts and empty histograms); the interval's check
     * and skip deltas; the interval's TLS handshake times, encoded; and the histograms as they were before
     * encoding, valid until the next call.
     */
    public Interval collect(Iterable<UserCounters> users) {
        sumCounters(users);
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            slotOk[slot].reset();
            slotCorrected[slot].reset();
            if (slotFailed[slot] != null) {
                slotFailed[slot].reset();
            }
        }
        intervalHandshakes.reset();
        recorders.drainInto(slotOk, slotFailed, slotCorrected, intervalHandshakes);
        cumulativeHandshakes.add(intervalHandshakes);
        Map<EncodedHistogram, Histogram> encodedFrom = new IdentityHashMap<>();
        List<KeySample> keys = new ArrayList<>(layout.slotCount());
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            if (slotFailed[slot] != null) {
                if (cumulativeFailed[slot] == null) {
                    cumulativeFailed[slot] = LatencyRecorders.newHistogram();
                }
                cumulativeFailed[slot].add(slotFailed[slot]);
            }
            cumulativeOk[slot].add(slotOk[slot]);
            cumulativeCorrected[slot].add(slotCorrected[slot]);
            keys.add(keySample(slot, encodedFrom));
        }
        swapCounters();
        drainErrorSamples(users);
        FlowTally.Deltas judged = flows.collect(users);
        EncodedHistogram handshakes = encode(intervalHandshakes, encodedFrom);
        return new Interval(keys, judged.checks(), judged.skipped(), handshakes, encoded -> {
            Histogram h = encodedFrom.get(encoded);
            return h != null ? h : EncodedHistograms.decode(encoded);
        });
    }

    /** The slot's deltas since the previous collect (before the counters are swapped), and its histograms encoded. */
    private KeySample keySample(int slot, Map<EncodedHistogram, Histogram> encodedFrom) {
        long[] now = current[slot];
        long[] before = previous[slot];
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        for (int k = 0; k < KINDS.length; k++) {
            long delta = now[UserCounters.ERRORS + k] - before[UserCounters.ERRORS + k];
            if (delta != 0) {
                errors.put(KINDS[k], delta);
            }
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        long[] statusNow = currentStatus[slot];
        long[] statusBefore = previousStatus[slot];
        for (int code = 0; code < STATUS_SLOTS; code++) {
            long delta = statusNow[code] - statusBefore[code];
            if (delta != 0) {
                statuses.put(code, delta);
            }
        }
        return new KeySample(layout.requestKey(slot), now[UserCounters.REQUESTS] - before[UserCounters.REQUESTS],
                now[UserCounters.FAILURES] - before[UserCounters.FAILURES],
                now[UserCounters.BYTES_SENT] - before[UserCounters.BYTES_SENT],
                now[UserCounters.BYTES_RECEIVED] - before[UserCounters.BYTES_RECEIVED], statuses, errors,
                encode(slotOk[slot], encodedFrom), encode(slotFailed[slot], encodedFrom),
                encode(slotCorrected[slot], encodedFrom));
    }

    private EncodedHistogram encode(Histogram h, Map<EncodedHistogram, Histogram> encodedFrom) {
        EncodedHistogram e = encoder.encode(h);
        if (!e.isEmpty()) {
            encodedFrom.put(e, h);
        }
        return e;
    }

    /**
     * One interval as {@link #collect} found it, before the ticker adds the gauges (time, phase, users, host).
     *
     * @param keys       one per slot, in slot order
     * @param checks     per check of the run, its passes and failures in the interval
     * @param skipped    per transaction and reason that skipped in the interval, how often
     * @param tlsHandshakes the TLS handshake times recorded in the interval, encoded (empty when none)
     * @param histograms reads the keys' encoded histograms from the histograms they were encoded from (until the
     *                   next collect), without decoding them
     */
    public record Interval(List<KeySample> keys, List<CheckStats> checks, List<SkipStats> skipped,
                           EncodedHistogram tlsHandshakes, HdrIntervalSampleMath.HistogramReader histograms) {
        /** The sample of this interval, with the gauges and the open model's count read when it is published. */
        public IntervalSample sample(String runId, long second, Instant timestamp, double elapsedSeconds,
                                     double intervalSeconds, RunPhase phase, int activeUsers, double cpuUsage,
                                     double ramUsage, long droppedIterations, long startedIterations) {
            return new IntervalSample(runId, IntervalSample.LOCAL, second, timestamp, elapsedSeconds, intervalSeconds,
                    phase, activeUsers, cpuUsage, ramUsage, keys, checks, skipped, droppedIterations,
                    tlsHandshakes, startedIterations);
        }
    }

    private void drainErrorSamples(Iterable<UserCounters> users) {
        for (UserCounters u : users) {
            int base = u.slotBase();
            u.drainErrorSamples((t, kind, detail, status) -> errorSamples.add(base + t, kind, detail, status));
        }
    }

    private void sumCounters(Iterable<UserCounters> users) {
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            Arrays.fill(current[slot], 0);
            Arrays.fill(currentStatus[slot], 0);
            long a = abandoned[slot];
            current[slot][UserCounters.REQUESTS] = a;
            current[slot][UserCounters.FAILURES] = a;
            current[slot][UserCounters.ERRORS + ErrorKind.ABANDONED.ordinal()] = a;
        }
        for (UserCounters u : users) {
            for (int t = 0; t < u.transactions(); t++) {
                int slot = u.slotBase() + t;
                long[] sum = current[slot];
                for (int f = 0; f < UserCounters.STRIDE; f++) {
                    sum[f] += u.get(t, f);
                }
                long[] statusSum = currentStatus[slot];
                u.forEachStatus(t, (code, count) -> statusSum[code] += count);
            }
        }
    }

    private void swapCounters() {
        long[][] c = previous;
        previous = current;
        current = c;
        long[][] s = previousStatus;
        previousStatus = currentStatus;
        currentStatus = s;
    }

    /** A slot's cumulative counter field, as of the last {@link #collect}. */
    public long total(int slot, int field) {
        return previous[slot][field];
    }

    /** A slot's cumulative responses with {@code status}, as of the last {@link #collect}. */
    public long totalStatus(int slot, int status) {
        return previousStatus[slot][status];
    }

    /** A slot's raw latency histogram of successful requests over the whole run so far. */
    public Histogram cumulativeOk(int slot) {
        return cumulativeOk[slot];
    }

    /** A slot's raw latency histogram of failed requests over the whole run so far; null before its first failure. */
    public Histogram cumulativeFailed(int slot) {
        return cumulativeFailed[slot];
    }

    /** The run's check and skip counts, as of the last {@link #collect}. */
    public FlowTally flows() {
        return flows;
    }

    /** The distinct error messages drained so far, per slot and kind. */
    public ErrorSampleSets errorSamples() {
        return errorSamples;
    }

    /** The TLS handshake times over the whole run so far, in µs (empty when none was timed). */
    public Histogram cumulativeHandshakes() {
        return cumulativeHandshakes;
    }

    /** A slot's corrected latency histogram (all requests) over the whole run so far. */
    public Histogram cumulativeCorrected(int slot) {
        return cumulativeCorrected[slot];
    }
}
