package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One virtual user's cumulative request counters, per transaction of its scenario.
 *
 * <p><b>Single writer.</b> Only the owning user thread calls the {@code add*} methods; it never contends
 * with anyone. Each write is published with release semantics ({@code lazySet}), so the aggregator
 * thread may read at any time, without locks, and sees every count at most a moment late, never torn
 * and never decreasing. The aggregator sums the users' cumulative counts and diffs them with the
 * previous sum, so nothing is ever reset and nothing is lost between intervals.
 *
 * <p>Layout: per local transaction index {@code t}, {@link #STRIDE} longs at {@code t * STRIDE}: the
 * fields {@link #REQUESTS}, {@link #FAILURES}, {@link #BYTES_SENT}, {@link #BYTES_RECEIVED}, then one
 * count per {@link ErrorKind} at {@link #ERRORS} + ordinal. Status codes are tallied separately in a
 * small append-only table per transaction, because a user sees only a handful of distinct codes. Error
 * messages travel separately, through a {@link UserErrorSamples} ring the user creates on its first failure;
 * check and skip counts in the user's {@link FlowCounters}.
 */
public final class UserCounters {
    public static final int REQUESTS = 0;
    public static final int FAILURES = 1;
    public static final int BYTES_SENT = 2;
    public static final int BYTES_RECEIVED = 3;
    public static final int ERRORS = 4;
    public static final int STRIDE = ERRORS + ErrorKind.values().length;
    /** Status codes above this are tallied as this (HTTP codes have three digits). */
    public static final int MAX_STATUS = 999;

    /** Receives one (status, count) pair. */
    @FunctionalInterface
    public interface StatusVisitor {
        void visit(int status, long count);
    }

    private final int slotBase;
    private final int transactions;
    private final AtomicLongArray fields;
    private final StatusTally[] statuses;
    private final FlowCounters flows;
    /** Created by the writer on its first failure; null until then. */
    private volatile UserErrorSamples errorSamples;

    /**
     * @param slotBase     the run-wide slot of the user's first transaction
     * @param transactions how many transactions the user's scenario has
     */
    public UserCounters(int slotBase, int transactions) {
        this(slotBase, transactions, FlowCounters.NONE);
    }

    /**
     * @param slotBase     the run-wide slot of the user's first transaction
     * @param transactions how many transactions the user's scenario has
     * @param flows        the user's check and skip counters
     */
    public UserCounters(int slotBase, int transactions, FlowCounters flows) {
        this.flows = flows;
        this.slotBase = slotBase;
        this.transactions = transactions;
        this.fields = new AtomicLongArray(transactions * STRIDE);
        this.statuses = new StatusTally[transactions];
        for (int t = 0; t < transactions; t++) {
            statuses[t] = new StatusTally();
        }
    }

    public int slotBase() {
        return slotBase;
    }

    public int transactions() {
        return transactions;
    }

    /** The user's check and skip counters (same single writer). */
    public FlowCounters flows() {
        return flows;
    }

    /** Writer only: adds {@code delta} to a field of transaction {@code t}. */
    public void add(int t, int field, long delta) {
        int i = t * STRIDE + field;
        fields.lazySet(i, fields.getPlain(i) + delta);
    }

    /** Writer only: counts one response with {@code status} for transaction {@code t}. */
    public void addStatus(int t, int status) {
        statuses[t].increment(Math.max(0, Math.min(MAX_STATUS, status)));
    }

    /**
     * Writer only: offers one failure's message for transaction {@code t}; see {@link UserErrorSamples#offer}.
     *
     * @param detail the transport's description of the failure, or {@code null}
     * @param status the response status, 0 when no response arrived
     */
    public void addErrorSample(int t, ErrorKind kind, String detail, int status) {
        UserErrorSamples samples = errorSamples;
        if (samples == null) {
            samples = new UserErrorSamples();
            errorSamples = samples;
        }
        samples.offer(t, kind, detail, status);
    }

    /** The aggregator only: hands over the error messages offered since the last call. */
    public void drainErrorSamples(UserErrorSamples.Visitor visitor) {
        UserErrorSamples samples = errorSamples;
        if (samples != null) {
            samples.drain(visitor);
        }
    }

    /** Any thread: the current cumulative value of a field. */
    public long get(int t, int field) {
        return fields.getAcquire(t * STRIDE + field);
    }

    /** Any thread: visits every status code seen for transaction {@code t} with its cumulative count. */
    public void forEachStatus(int t, StatusVisitor visitor) {
        statuses[t].forEach(visitor);
    }

    /**
     * Status code → count, packed into one long per entry (code in the top bits) so a reader can never see
     * a code with another code's count. Entries are appended, never removed; the table grows by copying
     * and republishing, after which the old table is never written again.
     */
    private static final class StatusTally {
        private static final int COUNT_BITS = 53;
        private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
        private volatile AtomicLongArray entries = new AtomicLongArray(4);

        void increment(int status) {
            AtomicLongArray e = entries;
            int n = e.length();
            for (int i = 0; i < n; i++) {
                long v = e.getPlain(i);
                if (v == 0) {
                    e.lazySet(i, ((long) status << COUNT_BITS) | 1);
                    return;
                }
                if ((int) (v >>> COUNT_BITS) == status) {
                    e.lazySet(i, v + 1);
                    return;
                }
            }
            AtomicLongArray grown = new AtomicLongArray(n * 2);
            for (int i = 0; i < n; i++) {
                grown.setPlain(i, e.getPlain(i));
            }
            grown.setPlain(n, ((long) status << COUNT_BITS) | 1);
            entries = grown;
        }

        void forEach(StatusVisitor visitor) {
            AtomicLongArray e = entries;
            for (int i = 0; i < e.length(); i++) {
                long v = e.getAcquire(i);
                if (v == 0) {
                    return;
                }
                visitor.visit((int) (v >>> COUNT_BITS), v & COUNT_MASK);
            }
        }
    }
}
