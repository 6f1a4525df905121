package io.maid.goose.adapter.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The x axis of an {@link SvgChart}: its range from 0 to {@link #max}, where its ticks go and what they say,
 * and its title. Time axes tick at whole, readable steps of elapsed time; a "nines" axis places percentile
 * {@code p} at {@code log10(1 / (1 - p))}, so 0 %, 90 %, 99 %, 99.9 % ... are one unit apart, as
 * HdrHistogram's percentile plots are drawn.
 *
 * @param max   the value at the right edge, greater than 0
 * @param ticks where ticks go and their labels, inside [0, max]
 * @param title the axis title
 */
record ChartAxis(double max, List<Tick> ticks, String title) {
    /** One tick: where, and its label. */
    record Tick(double at, String label) {
    }

    private static final long[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400};
    /** Nines up to 99.9999 %: six digits is more than any run has samples to tell apart. */
    static final int MAX_NINES = 6;

    ChartAxis {
        ticks = List.copyOf(ticks);
    }

    /** Elapsed time from 0 to {@code spanSeconds} (at least 1 s), about eight ticks. */
    static ChartAxis time(double spanSeconds) {
        double max = Double.isFinite(spanSeconds) ? Math.max(1, spanSeconds) : 1;
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long candidate : TIME_STEPS) {
            if (candidate >= max / 8) {
                step = candidate;
                break;
            }
        }
        boolean hours = max >= 3600;
        List<Tick> ticks = new ArrayList<>();
        for (long t = 0; t <= max + 1e-9; t += step) {
            ticks.add(new Tick(t, clock(t, hours)));
        }
        return new ChartAxis(max, ticks, "elapsed time (" + (hours ? "h:mm:ss" : "m:ss") + ")");
    }

    /** Percentiles from 0 % to {@code nines} nines (1 .. {@link #MAX_NINES}), one tick per nine. */
    static ChartAxis nines(int nines) {
        int n = Math.max(1, Math.min(MAX_NINES, nines));
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            ticks.add(new Tick(i, percentLabel(i)));
        }
        return new ChartAxis(n, ticks, "percentile (log scale: each step one more nine)");
    }

    /** The position of percentile {@code percent} (0..100) on a nines axis; 100 % lies at infinity. */
    static double ninesOf(double percent) {
        return percent >= 100 ? Double.POSITIVE_INFINITY : Math.log10(100.0 / (100.0 - percent));
    }

    /** {@code 0%}, {@code 90%}, {@code 99%}, {@code 99.9%} ... for 0, 1, 2, 3 ... nines. */
    static String percentLabel(int nines) {
        if (nines <= 0) {
            return "0%";
        }
        if (nines == 1) {
            return "90%";
        }
        if (nines == 2) {
            return "99%";
        }
        return "99." + "9".repeat(nines - 2) + "%";
    }

    static String clock(long seconds, boolean withHours) {
        if (withHours) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
