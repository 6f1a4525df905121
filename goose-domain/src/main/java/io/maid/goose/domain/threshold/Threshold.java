package io.maid.goose.domain.threshold;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

import java.util.Locale;

/**
 * A pass/fail rule over a run's measurements, for CI: {@code metric} over {@code scope} must compare with
 * {@code limit} as {@code comparator} says ({@code latency_p95_ms lt 300}). Every threshold is judged over the
 * whole run when it ends; one with {@code abortOnFail} is also judged every second over the run so far, from
 * {@code delayAbortEvalSeconds} after the start, and the first failure stops the run (failed, reason
 * {@value Thresholds#ABORT_REASON}).
 *
 * @param metric                what is measured
 * @param scope                 which requests ({@link ThresholdScope#TOTAL} when null)
 * @param comparator            how the observed value must compare with the limit
 * @param limit                 the bound, in the metric's unit; finite
 * @param abortOnFail           whether a failure while the run goes on stops it
 * @param delayAbortEvalSeconds seconds after the start before the per-second evaluation begins, 0..86400
 */
public record Threshold(ThresholdMetric metric, ThresholdScope scope, ThresholdComparator comparator, double limit,
                        boolean abortOnFail, double delayAbortEvalSeconds) {
    public Threshold {
        Checks.required("metric", metric);
        scope = scope == null ? ThresholdScope.TOTAL : scope;
        Checks.required("comparator", comparator);
        if (!Double.isFinite(limit)) {
            throw new ConfigException(comparator.wireName(), "must be a finite number");
        }
        Checks.range("delay_abort_eval_seconds", delayAbortEvalSeconds, 0, 86_400);
        if (!metric.scoped() && !scope.equals(ThresholdScope.TOTAL)) {
            throw new ConfigException("scope", metric.wireName() + " is counted for the whole run only; its scope must be total");
        }
    }

    /** A threshold judged at the end only. */
    public static Threshold of(ThresholdMetric metric, ThresholdScope scope, ThresholdComparator comparator, double limit) {
        return new Threshold(metric, scope, comparator, limit, false, 0);
    }

    /** This threshold, also judged every second from {@code delaySeconds} on, stopping the run when it fails. */
    public Threshold abortingAfter(double delaySeconds) {
        return new Threshold(metric, scope, comparator, limit, true, delaySeconds);
    }

    /** For people: {@code latency_p95_ms < 300} with {@code (transaction:shopper/checkout)} unless the scope is total. */
    public String describe() {
        String rule = metric.wireName() + " " + comparator.symbol() + " " + Checks.fmt(limit);
        return scope.equals(ThresholdScope.TOTAL) ? rule : rule + " (" + scope.wireName() + ")";
    }

    @Override
    public String toString() {
        return describe().toLowerCase(Locale.ROOT);
    }
}
