package io.maid.goose.app.cli;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.threshold.ThresholdResult;

/**
 * The summary's thresholds: a line with the verdict, then a ✓ or ✗ row per threshold with its rule and the
 * observed value. Nothing for a run without thresholds.
 */
final class ThresholdRows {
    static final String PASSED = "\u2713";
    static final String FAILED = "\u2717";

    private ThresholdRows() {
    }

    static void append(StringBuilder b, RunSummary s, int width) {
        if (s.thresholds().isEmpty()) {
            return;
        }
        long failed = s.thresholds().stream().filter(r -> !r.passed()).count();
        b.append(ConsoleFormat.wrapped("thresholds: " + (failed == 0 ? "all " + s.thresholds().size() + " passed"
                : failed + " of " + s.thresholds().size() + " failed") + ", verdict " + s.verdict().wireName(), width, 2));
        for (ThresholdResult r : s.thresholds()) {
            b.append(ConsoleFormat.wrapped("  " + (r.passed() ? PASSED : FAILED) + " " + r.threshold().describe()
                    + (r.threshold().abortOnFail() ? " [abort_on_fail]" : "") + ": observed " + r.describeObserved(),
                    width, 4));
        }
    }
}
