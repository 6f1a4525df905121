package io.maid.goose.domain.threshold;

import io.maid.goose.domain.Checks;

import java.util.Objects;

/**
 * How one threshold fared.
 *
 * @param threshold the rule
 * @param observed  the metric's value over the scope; NaN when there was nothing to measure (which fails)
 * @param passed    whether the observed value satisfied the rule
 */
public record ThresholdResult(Threshold threshold, double observed, boolean passed) {
    public ThresholdResult {
        Objects.requireNonNull(threshold, "threshold");
    }

    /** The result of judging {@code threshold} against {@code observed}. */
    public static ThresholdResult judge(Threshold threshold, double observed) {
        return new ThresholdResult(threshold, observed, threshold.comparator().holds(observed, threshold.limit()));
    }

    /** The observed value for people, with its unit: {@code 412.3 ms}, or {@code no value (nothing in scope to measure)}. */
    public String describeObserved() {
        if (Double.isNaN(observed)) {
            return "no value (nothing in scope to measure)";
        }
        return Checks.fmt(Math.round(observed * 1000) / 1000.0) + " " + threshold.metric().unit();
    }
}
