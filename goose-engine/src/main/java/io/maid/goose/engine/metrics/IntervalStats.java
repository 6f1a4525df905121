package io.maid.goose.engine.metrics;

import io.maid.goose.domain.LatencyStats;

import java.util.Map;

/**
 * What happened between two {@link IntervalAggregator#collect} calls, over all transactions.
 *
 * @param requests      completed (and abandoned) requests
 * @param failures      failed requests, abandoned ones included
 * @param bytesSent     request bytes on the wire
 * @param bytesReceived response bytes on the wire
 * @param statusCodes   responses per status, keyed by the code as a string ({@code "200"})
 * @param errors        failures per {@link io.maid.goose.domain.ErrorKind#wireName() wire name}
 * @param ok            raw latency of the interval's successful requests
 * @param corrected     coordinated-omission-corrected latency of all the interval's requests
 * @param okP95BySlot   per slot (request key), the p95 raw latency of its successful requests in the interval,
 *                      ms; NaN for a slot without any. Owned by the caller once returned
 * @param checksFailed  failed check evaluations
 * @param skipped       requests not sent because they could not be made
 */
public record IntervalStats(long requests, long failures, long bytesSent, long bytesReceived,
                            Map<String, Long> statusCodes, Map<String, Long> errors, LatencyStats ok,
                            LatencyStats corrected, double[] okP95BySlot, long checksFailed, long skipped) {
    public IntervalStats {
        statusCodes = Map.copyOf(statusCodes);
        errors = Map.copyOf(errors);
    }
}
