package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.MetricField;
import io.maid.goose.domain.MetricsSnapshot;

/**
 * The figures of one progress line: what {@code goose run} takes from the engine's {@link MetricsSnapshot}
 * and {@code goose demo} from the stream's {@code Metrics} envelope (the same {@link MetricField}s), so that
 * both print the same line.
 *
 * @param cpuPercent the load generator's CPU in %, or -1 when unknown
 */
record ProgressSample(double elapsedSeconds, double intervalSeconds, String phase, int activeUsers, double rps,
                      long requests, long failures, double errorRatePct, double p50Ms, double p99Ms, double maxMs,
                      double p99CorrectedMs, double cpuPercent) {

    static ProgressSample of(MetricsSnapshot m) {
        return new ProgressSample(m.elapsedSeconds(), m.intervalSeconds(), m.phase() == null ? "?" : m.phase().wireName(),
                m.activeUsers(), m.throughputRps(), m.requests(), m.failures(), m.errorRate(), m.latencyP50Ms(),
                m.latencyP99Ms(), m.latencyMaxMs(), m.latencyP99CorrectedMs(), m.cpuUsage());
    }

    /** From the body of a {@code Metrics} envelope; a missing figure is 0, an unknown CPU -1. */
    static ProgressSample of(JsonNode m) {
        JsonNode cpu = m.path(MetricField.CPU_USAGE.wireName());
        return new ProgressSample(number(m, MetricField.ELAPSED_SECONDS), number(m, MetricField.INTERVAL_SECONDS),
                m.path(MetricField.PHASE.wireName()).asText("?"), (int) number(m, MetricField.ACTIVE_USERS),
                number(m, MetricField.THROUGHPUT_RPS), (long) number(m, MetricField.REQUESTS),
                (long) number(m, MetricField.FAILURES), number(m, MetricField.ERROR_RATE),
                number(m, MetricField.LATENCY_P50_MS), number(m, MetricField.LATENCY_P99_MS),
                number(m, MetricField.LATENCY_MAX_MS), number(m, MetricField.LATENCY_P99_CORRECTED_MS),
                cpu.isNumber() ? cpu.asDouble() : -1);
    }

    private static double number(JsonNode m, MetricField field) {
        return m.path(field.wireName()).asDouble(0);
    }
}
