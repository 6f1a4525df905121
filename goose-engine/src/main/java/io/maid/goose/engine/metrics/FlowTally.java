package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.SkipStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sums the users' {@link FlowCounters} into run-wide counts per check and per (slot, skip reason), and the
 * interval's deltas of both. Cumulative counts are summed afresh and diffed with the
 * previous sum, as {@link IntervalAggregator} does, so the intervals add up exactly to the totals.
 *
 * <p>Called by the aggregator's single thread only.
 */
public final class FlowTally {
    private final RunLayout layout;
    private long[] passes;
    private long[] failures;
    private long[] skips;
    private long[] previousPasses;
    private long[] previousFailures;
    private long[] previousSkips;

    public FlowTally(RunLayout layout) {
        this.layout = layout;
        passes = new long[layout.checkCount()];
        failures = new long[layout.checkCount()];
        skips = new long[layout.slotCount() * layout.reasonCount()];
        previousPasses = passes.clone();
        previousFailures = failures.clone();
        previousSkips = skips.clone();
    }

    /** The interval's flow counts: per check of the run its deltas, per transaction and reason that skipped its. */
    record Deltas(List<CheckStats> checks, List<SkipStats> skipped) {
        static final Deltas NONE = new Deltas(List.of(), List.of());
    }

    /** Sums every user's counts (as of now) and returns what changed since the previous call. */
    Deltas collect(Iterable<UserCounters> users) {
        if (passes.length == 0 && skips.length == 0) {
            return Deltas.NONE;
        }
        long[] p = previousPasses;
        previousPasses = passes;
        passes = p;
        long[] f = previousFailures;
        previousFailures = failures;
        failures = f;
        long[] k = previousSkips;
        previousSkips = skips;
        skips = k;
        Arrays.fill(passes, 0);
        Arrays.fill(failures, 0);
        Arrays.fill(skips, 0);
        int reasons = layout.reasonCount();
        for (UserCounters u : users) {
            FlowCounters counts = u.flows();
            int base = layout.checkBase(layout.scenarioOf(u.slotBase()));
            for (int c = 0; c < counts.checks(); c++) {
                passes[base + c] += counts.passes(c);
                failures[base + c] += counts.failures(c);
            }
            for (int t = 0; t < counts.transactions() && counts.reasons() > 0; t++) {
                int at = (u.slotBase() + t) * reasons;
                for (int r = 0; r < reasons; r++) {
                    skips[at + r] += counts.skips(t, r);
                }
            }
        }
        List<CheckStats> checks = new ArrayList<>(passes.length);
        for (int c = 0; c < passes.length; c++) {
            checks.add(check(c, passes[c] - previousPasses[c], failures[c] - previousFailures[c]));
        }
        return new Deltas(checks, skipped(skips, previousSkips));
    }

    /** Per check, in config order, as of the last collect. */
    public List<CheckStats> checks() {
        List<CheckStats> out = new ArrayList<>(passes.length);
        for (int c = 0; c < passes.length; c++) {
            out.add(check(c, passes[c], failures[c]));
        }
        return out;
    }

    private CheckStats check(int c, long passed, long failed) {
        int slot = layout.slotOfCheck(c);
        return new CheckStats(layout.scenario(layout.scenarioOf(slot)).name(), layout.transaction(slot).name(),
                layout.checkLabel(c), passed, failed);
    }

    /** Per transaction and reason that skipped at least once, in config and reason order, as of the last collect. */
    public List<SkipStats> skipped() {
        return skipped(skips, new long[skips.length]);
    }

    /** Per transaction and reason whose count moved from {@code before} to {@code now}, the difference. */
    private List<SkipStats> skipped(long[] now, long[] before) {
        List<SkipStats> out = new ArrayList<>();
        int reasons = layout.reasonCount();
        for (int slot = 0; slot < layout.slotCount(); slot++) {
            for (int r = 0; r < reasons; r++) {
                long n = now[slot * reasons + r] - before[slot * reasons + r];
                if (n != 0) {
                    out.add(new SkipStats(layout.scenario(layout.scenarioOf(slot)).name(), layout.transaction(slot).name(),
                            layout.reason(r), n));
                }
            }
        }
        return out;
    }
}
