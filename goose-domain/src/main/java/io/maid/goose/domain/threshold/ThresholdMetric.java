package io.maid.goose.domain.threshold;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.StatsRow;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a threshold measures, over the whole run (or the run so far): the names are those of the per-second
 * {@link MetricField}s, but the values are the run's, read from its summary tables.
 *
 * <ul>
 *   <li>{@code latency_p50_ms} … {@code latency_p999_ms}: raw latency of the scope's <em>successful</em>
 *       requests, ms; not a number when the scope has no successful request (which fails any comparison);</li>
 *   <li>{@code latency_p99_corrected_ms}: p99 of all the scope's requests, corrected for coordinated omission;</li>
 *   <li>{@code error_rate}: failed requests as a percentage of the scope's requests (0 without requests);</li>
 *   <li>{@code checks_failed_rate}: failed check evaluations as a percentage of all the scope's check
 *       evaluations (0 without checks);</li>
 *   <li>{@code throughput_rps}: the scope's requests per second of the run's length;</li>
 *   <li>{@code dropped_iterations}: arrivals the open model dropped for want of a free user, a count over
 *       the whole run; {@code total} scope only.</li>
 * </ul>
 */
public enum ThresholdMetric {
    LATENCY_P50_MS("latency_p50_ms", "ms"),
    LATENCY_P90_MS("latency_p90_ms", "ms"),
    LATENCY_P95_MS("latency_p95_ms", "ms"),
    LATENCY_P99_MS("latency_p99_ms", "ms"),
    LATENCY_P999_MS("latency_p999_ms", "ms"),
    LATENCY_P99_CORRECTED_MS("latency_p99_corrected_ms", "ms"),
    ERROR_RATE("error_rate", "%"),
    CHECKS_FAILED_RATE("checks_failed_rate", "%"),
    THROUGHPUT_RPS("throughput_rps", "requests/s"),
    DROPPED_ITERATIONS("dropped_iterations", "iterations");

    private final String wireName;
    private final String unit;

    ThresholdMetric(String wireName, String unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code ms}, {@code %}, {@code requests/s} or {@code iterations}. */
    public String unit() {
        return unit;
    }

    /** Whether the metric can be read per transaction or request key, not only in total. */
    public boolean scoped() {
        return this != DROPPED_ITERATIONS;
    }

    /**
     * @throws ConfigException naming {@code metric}, listing the known ones, for any other name
     */
    public static ThresholdMetric fromWire(String name) {
        for (ThresholdMetric m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new ConfigException("metric", "unknown metric '" + name + "'; a threshold measures one of " + known());
    }

    /** Every metric's wire name, comma-separated, in declaration order. */
    public static String known() {
        return Arrays.stream(values()).map(ThresholdMetric::wireName).collect(Collectors.joining(", "));
    }

    /**
     * This metric's value in {@code summary} over {@code scope}; NaN when the scope has no value to measure
     * (a latency without a successful request, or a scope whose row the summary does not have).
     */
    public double observe(RunSummary summary, ThresholdScope scope) {
        if (this == DROPPED_ITERATIONS) {
            return summary.droppedIterations();
        }
        if (this == CHECKS_FAILED_RATE) {
            return checksFailedRate(summary, scope);
        }
        StatsRow row = row(summary, scope);
        if (row == null) {
            return Double.NaN;
        }
        return switch (this) {
            case ERROR_RATE -> row.errorRate();
            case THROUGHPUT_RPS -> row.rps();
            case LATENCY_P99_CORRECTED_MS -> row.count() == 0 ? Double.NaN : row.corrected().p99Ms();
            default -> latency(row);
        };
    }

    private double latency(StatsRow row) {
        if (row.count() - row.failures() <= 0) {
            return Double.NaN;
        }
        LatencyStats l = row.latency();
        return switch (this) {
            case LATENCY_P50_MS -> l.p50Ms();
            case LATENCY_P90_MS -> l.p90Ms();
            case LATENCY_P95_MS -> l.p95Ms();
            case LATENCY_P99_MS -> l.p99Ms();
            case LATENCY_P999_MS -> l.p999Ms();
            default -> throw new IllegalStateException(wireName + " is not a raw latency");
        };
    }

    private static StatsRow row(RunSummary summary, ThresholdScope scope) {
        var rows = switch (scope.kind()) {
            case TOTAL -> java.util.List.of(summary.total());
            case TRANSACTION -> summary.transactions();
            case REQUEST -> summary.requests();
            case SCENARIO -> summary.scenarios();
        };
        String name = scope.rowName();
        for (StatsRow r : rows) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private static double checksFailedRate(RunSummary summary, ThresholdScope scope) {
        long failed = 0;
        long judged = 0;
        for (CheckStats c : summary.checks()) {
            if (scope.kind() == StatsKey.Kind.TOTAL || scope.path().equals(c.scenario() + "/" + c.transaction())) {
                failed += c.failures();
                judged += c.count();
            }
        }
        return judged == 0 ? 0 : 100.0 * failed / judged;
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
