package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.SkipStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sums the users' {@link FlowCounters} into run-wide counts per check and per (slot, skip reason), and the
 * interval's failed checks and skipped requests. Cumulative counts are summed afresh and diffed with the
 * previous sum, as {@link IntervalAggregator} does, so the intervals add up exactly to the totals.
 *
 * <p>Called by the aggregator's single thread only.
 */
public final class FlowTally {
    private final RunLayout layout;
    private final long[] passes;
    private final long[] failures;
    private final long[] skips;
    private long checksFailed;
    private long skipped;

    public FlowTally(RunLayout layout) {
        this.layout = layout;
        passes = new long[layout.checkCount()];
        failures = new long[layout.checkCount()];
        skips = new long[layout.slotCount() * layout.reasonCount()];
    }

    /**
     * Sums every user's counts (as of now).
     *
     * @return {@code [failed checks, skipped requests]} since the previous call
     */
    long[] collect(Iterable<UserCounters> users) {
        if (passes.length == 0 && skips.length == 0) {
            return new long[2];
        }
        Arrays.fill(passes, 0);
        Arrays.fill(failures, 0);
        Arrays.fill(skips, 0);
        int reasons = layout.reasonCount();
        for (UserCounters u : users) {
            FlowCounters f = u.flows();
            int base = layout.checkBase(layout.scenarioOf(u.slotBase()));
            for (int c = 0; c < f.checks(); c++) {
                passes[base + c] += f.passes(c);
                failures[base + c] += f.failures(c);
            }
            for (int t = 0; t < f.transactions() && f.reasons() > 0; t++) {
                int at = (u.slotBase() + t) * reasons;
                for (int r = 0; r < reasons; r++) {
                    skips[at + r] += f.skips(t, r);
                }
            }
        }
        long failedNow = 0;
        for (long n : failures) {
            failedNow += n;
        }
        long skippedNow = 0;
        for (long n : skips) {
            skippedNow += n;
        }
        long[] interval = {failedNow - checksFailed, skippedNow - skipped};
        checksFailed = failedNow;
        skipped = skippedNow;
        return interval;
    }

    /** Per check, in config order, as of the last collect. */
    public List<CheckStats> checks() {
        List<CheckStats> out = new ArrayList<>(passes.length);
        for (int c = 0; c < passes.length; c++) {
            int slot = layout.slotOfCheck(c);
            out.add(new CheckStats(layout.scenario(layout.scenarioOf(slot)).name(), layout.transaction(slot).name(),
                    layout.checkLabel(c), passes[c], failures[c]));
        }
        return out;
    }

    /** Per transaction and reason that skipped at least once, in config and reason order, as of the last collect. */
    public List<SkipStats> skipped() {
        List<SkipStats> out = new ArrayList<>();
        int reasons = layout.reasonCount();
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            for (int r = 0; r < reasons; r++) {
                long n = skips[slot * reasons + r];
                if (n != 0) {
                    out.add(new SkipStats(layout.scenario(layout.scenarioOf(slot)).name(), layout.transaction(slot).name(),
                            layout.reason(r), n));
                }
            }
        }
        return out;
    }
}
