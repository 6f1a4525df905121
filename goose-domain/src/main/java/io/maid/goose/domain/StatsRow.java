package io.maid.goose.domain;

import java.util.Map;

/**
 * Statistics for one group of requests: a request key ({@code "GET get-root"}), a transaction
 * ({@code "checkout/get-root"}), a scenario, or the total.
 *
 * @param name        the group's name
 * @param count       completed requests (successes and failures)
 * @param failures    failed requests, of any {@link ErrorKind}
 * @param rps         count / run duration in seconds
 * @param latency     raw latency, measured from the actual send
 * @param corrected   latency corrected for coordinated omission (see README)
 * @param statusCodes responses by HTTP status
 * @param errors      failures by kind
 * @param bytesSent   request bytes on the wire
 * @param bytesReceived response bytes on the wire
 */
public record StatsRow(String name, long count, long failures, double rps, LatencyStats latency,
                       LatencyStats corrected, Map<Integer, Long> statusCodes, Map<ErrorKind, Long> errors,
                       long bytesSent, long bytesReceived) {
    public StatsRow {
        statusCodes = Map.copyOf(statusCodes);
        errors = Map.copyOf(errors);
    }

    /** Failures as a percentage of count, 0 when there were no requests. */
    public double errorRate() {
        return count == 0 ? 0 : 100.0 * failures / count;
    }
}
