package io.maid.goose.engine.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One virtual user's cumulative flow counts: passes and failures per check of its scenario, and requests
 * not sent per transaction and skip reason (see {@link RunLayout}).
 *
 * <p><b>Single writer</b>, like {@link UserCounters}: only the owning user writes, each write is published
 * with release semantics ({@code lazySet}), and the aggregator reads at any time without locks, sums the
 * users' cumulative counts and diffs them with the previous sum. Nothing is allocated on a write.
 */
public final class FlowCounters {
    /** For a user whose scenario has no checks and cannot skip. */
    public static final FlowCounters NONE = new FlowCounters(0, 0, 0);

    private final int checks;
    private final int transactions;
    private final int reasons;
    /** Per check {@code c}: passes at {@code 2c}, failures at {@code 2c + 1}. */
    private final AtomicLongArray judged;
    /** Per transaction {@code t} and reason {@code r}: at {@code t * reasons + r}. */
    private final AtomicLongArray skips;

    /**
     * @param checks       how many checks the user's scenario has
     * @param transactions how many transactions it has (on_start, iteration and on_stop)
     * @param reasons      the run's skip reasons ({@link RunLayout#reasonCount()})
     */
    public FlowCounters(int checks, int transactions, int reasons) {
        this.checks = checks;
        this.transactions = transactions;
        this.reasons = reasons;
        this.judged = new AtomicLongArray(2 * checks);
        this.skips = new AtomicLongArray(transactions * reasons);
    }

    public int checks() {
        return checks;
    }

    public int transactions() {
        return transactions;
    }

    public int reasons() {
        return reasons;
    }

    /** Writer only: check {@code c} (local to the scenario) passed once more. */
    public void checkPassed(int c) {
        bump(judged, 2 * c);
    }

    /** Writer only: check {@code c} (local to the scenario) failed once more. */
    public void checkFailed(int c) {
        bump(judged, 2 * c + 1);
    }

    /** Writer only: a request of transaction {@code t} was not sent, for {@code reason}. */
    public void skipped(int t, int reason) {
        bump(skips, t * reasons + reason);
    }

    private static void bump(AtomicLongArray a, int i) {
        a.lazySet(i, a.getPlain(i) + 1);
    }

    /** Any thread: check {@code c}'s passes so far. */
    public long passes(int c) {
        return judged.getAcquire(2 * c);
    }

    /** Any thread: check {@code c}'s failures so far. */
    public long failures(int c) {
        return judged.getAcquire(2 * c + 1);
    }

    /** Any thread: transaction {@code t}'s skips for {@code reason} so far. */
    public long skips(int t, int reason) {
        return skips.getAcquire(t * reasons + reason);
    }
}
