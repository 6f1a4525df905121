package io.maid.goose.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One second of a run, as measured: the {@code Metrics} stream envelope (docs/api.md) plus the counts it is derived
 * from. {@link MetricField} names every field on the wire and turns a snapshot into its wire values.
 *
 * <p>Rates and percentiles cover the interval since the previous snapshot only; {@code requests} and
 * {@code failures} are the interval's counts, so the snapshots of a run add up to its totals. The latency
 * percentiles and the maximum are those of the interval's <em>successful</em> requests (a fast failure
 * such as a refused connect would otherwise pull them down); the corrected p99 covers every request.
 *
 * @param timestamp            wall time at the end of the interval
 * @param elapsedSeconds       monotonic seconds since the run started
 * @param intervalSeconds      the interval's exact length, from the monotonic clock
 * @param phase                the phase at the end of the interval
 * @param activeUsers          users alive at the end of the interval
 * @param cpuUsage             host CPU %, 0..100, from the system probe (-1 if unknown)
 * @param ramUsage             host RAM %, 0..100, from the system probe (-1 if unknown)
 * @param throughputRps        requests completed in the interval / interval length
 * @param errorRate            failed / completed requests in the interval, in %
 * @param statusCodes          responses per HTTP status in the interval
 * @param latencyP50Ms         raw latency percentiles of the interval's successful requests, ms
 * @param latencyMaxMs         the largest raw latency of the interval's successful requests, ms
 * @param latencyP99CorrectedMs p99 of the coordinated-omission-corrected latency of all requests, ms
 * @param networkInKbps        response bytes on the wire, kilobits/s (1 kbit = 1000 bits)
 * @param networkOutKbps       request bytes on the wire, kilobits/s
 * @param requests             requests completed in the interval
 * @param failures             failed requests in the interval
 * @param errors               failures by kind in the interval
 * @param checksFailed         failed check evaluations in the interval (a request that failed two checks counts twice)
 * @param skipped              requests not sent in the interval because they could not be made (never requests)
 * @param droppedIterations    open model: arrivals in the interval that found no free user and were dropped
 * @param startedIterations    open model: arrivals in the interval that started an iteration (the achieved
 *                             arrival rate, times the interval's length)
 */
public record MetricsSnapshot(String runId, Instant timestamp, double elapsedSeconds, double intervalSeconds,
                              RunPhase phase, int activeUsers, double cpuUsage, double ramUsage,
                              double throughputRps, double errorRate, Map<String, Long> statusCodes,
                              double latencyP50Ms, double latencyP90Ms, double latencyP95Ms, double latencyP99Ms,
                              double latencyP999Ms, double latencyMaxMs, double latencyP99CorrectedMs,
                              double networkInKbps, double networkOutKbps, long requests, long failures,
                              Map<String, Long> errors, long checksFailed, long skipped, long droppedIterations,
                              long startedIterations)
        implements RunEvent {
    public MetricsSnapshot {
        statusCodes = Map.copyOf(statusCodes);
        errors = Map.copyOf(errors);
    }

    /** A snapshot without arrivals (a closed plan). */
    public MetricsSnapshot(String runId, Instant timestamp, double elapsedSeconds, double intervalSeconds,
                           RunPhase phase, int activeUsers, double cpuUsage, double ramUsage,
                           double throughputRps, double errorRate, Map<String, Long> statusCodes,
                           double latencyP50Ms, double latencyP90Ms, double latencyP95Ms, double latencyP99Ms,
                           double latencyP999Ms, double latencyMaxMs, double latencyP99CorrectedMs,
                           double networkInKbps, double networkOutKbps, long requests, long failures,
                           Map<String, Long> errors, long checksFailed, long skipped) {
        this(runId, timestamp, elapsedSeconds, intervalSeconds, phase, activeUsers, cpuUsage, ramUsage, throughputRps,
                errorRate, statusCodes, latencyP50Ms, latencyP90Ms, latencyP95Ms, latencyP99Ms, latencyP999Ms, latencyMaxMs,
                latencyP99CorrectedMs, networkInKbps, networkOutKbps, requests, failures, errors, checksFailed, skipped, 0, 0);
    }

    /** This snapshot with {@code started} as its started iterations (the open model's own count). */
    public MetricsSnapshot withIterationsStarted(long started) {
        return new MetricsSnapshot(runId, timestamp, elapsedSeconds, intervalSeconds, phase, activeUsers, cpuUsage,
                ramUsage, throughputRps, errorRate, statusCodes, latencyP50Ms, latencyP90Ms, latencyP95Ms, latencyP99Ms,
                latencyP999Ms, latencyMaxMs, latencyP99CorrectedMs, networkInKbps, networkOutKbps, requests, failures,
                errors, checksFailed, skipped, droppedIterations, started);
    }

    /** The snapshot's wire values, in {@link MetricField} order; see {@link MetricField#wireValues}. */
    public Map<String, Object> wireValues() {
        return MetricField.wireValues(this);
    }
}
