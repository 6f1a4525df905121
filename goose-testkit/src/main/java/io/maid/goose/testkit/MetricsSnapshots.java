package io.maid.goose.testkit;

import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunPhase;

import java.time.Instant;
import java.util.Map;

/**
 * Builds {@link MetricsSnapshot}s for tests by field name instead of by position, so a test names only
 * what it checks and survives new fields. Unset fields: run {@code run-1}, timestamp
 * {@link ManualClock#DEFAULT_START} + elapsed, 1 s elapsed and interval, phase maintain, CPU and RAM
 * unknown (-1), everything else 0 or empty.
 *
 * <pre>{@code
 * MetricsSnapshot m = MetricsSnapshots.builder().elapsedSeconds(3).requests(400).failures(2)
 *         .latencies(70.4, 180.2, 210.5, 340.4, 489.0).build();
 * }</pre>
 */
public final class MetricsSnapshots {
    private MetricsSnapshots() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Not thread-safe; one builder per snapshot, or change fields between {@link #build()}s. */
    public static final class Builder {
        private String runId = "run-1";
        private Instant timestamp;
        private double elapsedSeconds = 1;
        private double intervalSeconds = 1;
        private RunPhase phase = RunPhase.MAINTAIN;
        private int activeUsers;
        private double cpuUsage = -1;
        private double ramUsage = -1;
        private double throughputRps;
        private double errorRate;
        private Map<String, Long> statusCodes = Map.of();
        private double p50;
        private double p90;
        private double p95;
        private double p99;
        private double p999;
        private double max;
        private double p99Corrected;
        private double networkInKbps;
        private double networkOutKbps;
        private long requests;
        private long failures;
        private Map<String, Long> errors = Map.of();
        private long checksFailed;
        private long skipped;
        private long droppedIterations;
        private long startedIterations;

        private Builder() {
        }

        public Builder runId(String v) { runId = v; return this; }
        /** Wall time at the end of the interval; by default the manual clock's start plus the elapsed time. */
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder elapsedSeconds(double v) { elapsedSeconds = v; return this; }
        public Builder intervalSeconds(double v) { intervalSeconds = v; return this; }
        public Builder phase(RunPhase v) { phase = v; return this; }
        public Builder activeUsers(int v) { activeUsers = v; return this; }
        public Builder cpuUsage(double v) { cpuUsage = v; return this; }
        public Builder ramUsage(double v) { ramUsage = v; return this; }
        public Builder throughputRps(double v) { throughputRps = v; return this; }
        public Builder errorRate(double v) { errorRate = v; return this; }
        /** Status code (as text, {@code "200"}) to count. */
        public Builder statusCodes(Map<String, Long> v) { statusCodes = v; return this; }
        public Builder latencyP50Ms(double v) { p50 = v; return this; }
        public Builder latencyP90Ms(double v) { p90 = v; return this; }
        public Builder latencyP95Ms(double v) { p95 = v; return this; }
        public Builder latencyP99Ms(double v) { p99 = v; return this; }
        public Builder latencyP999Ms(double v) { p999 = v; return this; }
        public Builder latencyMaxMs(double v) { max = v; return this; }
        public Builder latencyP99CorrectedMs(double v) { p99Corrected = v; return this; }
        public Builder networkInKbps(double v) { networkInKbps = v; return this; }
        public Builder networkOutKbps(double v) { networkOutKbps = v; return this; }
        public Builder requests(long v) { requests = v; return this; }
        public Builder failures(long v) { failures = v; return this; }
        /** Error kind (wire name, {@code "unexpected_status"}) to count. */
        public Builder errors(Map<String, Long> v) { errors = v; return this; }
        public Builder checksFailed(long v) { checksFailed = v; return this; }
        public Builder skipped(long v) { skipped = v; return this; }
        public Builder droppedIterations(long v) { droppedIterations = v; return this; }
        public Builder startedIterations(long v) { startedIterations = v; return this; }

        /** The five OK-latency percentiles at once: p50, p90, p95, p99, p99.9, in ms. */
        public Builder latencies(double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms) {
            p50 = p50Ms;
            p90 = p90Ms;
            p95 = p95Ms;
            p99 = p99Ms;
            p999 = p999Ms;
            return this;
        }

        public MetricsSnapshot build() {
            Instant at = timestamp != null ? timestamp
                    : ManualClock.DEFAULT_START.plusNanos(Math.round(elapsedSeconds * 1e9));
            return new MetricsSnapshot(runId, at, elapsedSeconds, intervalSeconds, phase, activeUsers, cpuUsage,
                    ramUsage, throughputRps, errorRate, statusCodes, p50, p90, p95, p99, p999, max, p99Corrected,
                    networkInKbps, networkOutKbps, requests, failures, errors, checksFailed, skipped, droppedIterations,
                    startedIterations);
        }
    }
}
