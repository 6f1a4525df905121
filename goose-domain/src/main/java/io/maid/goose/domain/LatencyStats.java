package io.maid.goose.domain;

/**
 * Latency distribution in milliseconds, read from an HdrHistogram recorded in microseconds. All zero when
 * there were no samples.
 */
public record LatencyStats(double minMs, double meanMs, double maxMs, double stddevMs, double p50Ms, double p90Ms,
                           double p95Ms, double p99Ms, double p999Ms) {
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
