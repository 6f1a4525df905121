package io.maid.goose.engine.metrics;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The latency histograms of one writer, per slot: the raw latency of successful requests, the raw latency
 * of failed requests, and the latency of all requests corrected for coordinated omission, for the interval
 * that is going on; and, for the whole stripe, the TLS handshake times of the requests that opened a TLS
 * connection. The metrics thread {@linkplain #drainInto drains} it once a second.
 *
 * <p><b>Writers.</b> A stripe made {@linkplain #LatencyStripe(int, boolean) unshared} has exactly one writer,
 * an event loop's thread, which never waits for anything and shares no written memory with any other writer:
 * a request costs one {@link WriterReaderPhaser} critical section (two uncontended atomic increments on the
 * stripe's own phaser) around plain histogram writes. A shared stripe is written by several thread users
 * (a bounded pool of stripes serves any number of them); their writes are serialised on the stripe's monitor,
 * which users of other stripes never touch.
 *
 * <p><b>The hand-off.</b> Each stripe holds two sets of histograms. The writer records into the active set;
 * {@link #drainInto} makes the other set active, waits (with {@link WriterReaderPhaser#flipPhase()}) only for a
 * write already in progress to finish, then adds the now idle set into the caller's histograms and clears it,
 * off the request path. Nothing is copied on the writer's side and no value is lost or counted twice.
 *
 * <p><b>Memory.</b> The histograms are auto-resizing, with 32-bit counts (an interval of one stripe never
 * comes near 2<sup>31</sup> in one bucket): one starts at 8.7 KB and grows with the largest value it has held,
 * to about 46 KB for latencies up to 1 s and 95 KB up to the 1 h limit. A slot's failed histograms are made
 * by the writer on the slot's first failure, so a healthy run has four per slot and stripe, not six; the
 * handshake histograms likewise on the stripe's first handshake, so a plain-HTTP run has none.
 */
public final class LatencyStripe {
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final boolean shared;
    private volatile Set active;
    /** The reader's only: the set the writer does not see. */
    private Set idle;

    /**
     * @param slots  the run's slots
     * @param shared whether several threads write (then their writes are serialised), or exactly one
     */
    public LatencyStripe(int slots, boolean shared) {
        this.shared = shared;
        this.active = new Set(slots);
        this.idle = new Set(slots);
    }

    /** Whether several threads write into this stripe. */
    public boolean shared() {
        return shared;
    }

    /**
     * Records one request's latency: raw into the slot's OK or failed histogram, and corrected for coordinated
     * omission into its corrected one. Called by the stripe's writer(s) only.
     *
     * @param micros           the latency, already clamped to the recordable range
     * @param expectedInterval the writer's expected interval between requests, µs, for the correction; 0 or less
     *                         records the corrected value as is (a user's first request has no baseline)
     */
    public void record(int slot, boolean failed, long micros, long expectedInterval) {
        if (shared) {
            synchronized (this) {
                write(slot, failed, micros, expectedInterval);
            }
        } else {
            write(slot, failed, micros, expectedInterval);
        }
    }

    private void write(int slot, boolean failed, long micros, long expectedInterval) {
        long phase = phaser.writerCriticalSectionEnter();
        try {
            Set s = active;
            (failed ? s.failed(slot) : s.ok[slot]).recordValue(micros);
            if (expectedInterval > 0) {
                s.corrected[slot].recordValueWithExpectedInterval(micros, expectedInterval);
            } else {
                s.corrected[slot].recordValue(micros);
            }
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Records one TLS handshake's time, uncorrected (a handshake is not a request of a steady stream, so it has
     * no expected interval). Called by the stripe's writer(s) only.
     *
     * @param micros the handshake's time, already clamped to the recordable range
     */
    public void recordHandshake(long micros) {
        if (shared) {
            synchronized (this) {
                writeHandshake(micros);
            }
        } else {
            writeHandshake(micros);
        }
    }

    private void writeHandshake(long micros) {
        long phase = phaser.writerCriticalSectionEnter();
        try {
            active.handshakes().recordValue(micros);
        } finally {
            phaser.writerCriticalSectionExit(phase);
        }
    }

    /**
     * Adds everything recorded since the previous drain to the caller's histograms and forgets it. One
     * thread at a time (the metrics thread); it never blocks the writer beyond the write in progress.
     *
     * @param failed     where the failed latencies go; an entry is made (with {@link LatencyRecorders#newHistogram})
     *                   for a slot whose first failed latency arrives
     * @param handshakes where the TLS handshake times go
     */
    public void drainInto(Histogram[] ok, Histogram[] failed, Histogram[] corrected, Histogram handshakes) {
        phaser.readerLock();
        try {
            Set drained = active;
            active = idle;
            phaser.flipPhase();
            idle = drained;
            for (int slot = 0; slot < ok.length; slot++) {
                move(drained.ok[slot], ok[slot]);
                AbstractHistogram f = drained.failed[slot];
                if (f != null && f.getTotalCount() > 0) {
                    if (failed[slot] == null) {
                        failed[slot] = LatencyRecorders.newHistogram();
                    }
                    move(f, failed[slot]);
                }
                move(drained.corrected[slot], corrected[slot]);
            }
            if (drained.handshakes != null) {
                move(drained.handshakes, handshakes);
            }
        } finally {
            phaser.readerUnlock();
        }
    }

    private static void move(AbstractHistogram from, Histogram to) {
        if (from.getTotalCount() > 0) {
            to.add(from);
            from.reset();
        }
    }

    /** A slot's histograms of one half of the hand-off. */
    private static final class Set {
        final AbstractHistogram[] ok;
        /** Made by the writer on the slot's first failure in this set. */
        final AbstractHistogram[] failed;
        final AbstractHistogram[] corrected;
        /** Made by the writer on the stripe's first handshake in this set. */
        AbstractHistogram handshakes;

        Set(int slots) {
            ok = new AbstractHistogram[slots];
            failed = new AbstractHistogram[slots];
            corrected = new AbstractHistogram[slots];
            for (int s = 0; s < slots; s++) {
                ok[s] = newStripeHistogram();
                corrected[s] = newStripeHistogram();
            }
        }

        AbstractHistogram failed(int slot) {
            AbstractHistogram h = failed[slot];
            if (h == null) {
                h = newStripeHistogram();
                failed[slot] = h;
            }
            return h;
        }

        AbstractHistogram handshakes() {
            if (handshakes == null) {
                handshakes = newStripeHistogram();
            }
            return handshakes;
        }
    }

    private static AbstractHistogram newStripeHistogram() {
        return new IntCountsHistogram(LatencyRecorders.DIGITS);
    }
}
