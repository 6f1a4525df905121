package io.maid.goose.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statistics for one group of requests: a request key ({@code "GET shopper/page"}), a transaction
 * ({@code "shopper/page"}), a scenario, or the total; see {@link StatsKey}.
 *
 * <h2>Latency</h2>
 * Raw latency is kept three ways, as Gatling does, because the latency of failures means something else:
 * a connect refused after 0.3 ms would pull the median of a slow service down. {@link #latency()} covers
 * the requests that succeeded and is what the summary, the reports and the charts show by default;
 * {@link #failedLatency()} covers the failed ones and {@link #allLatency()} both. {@link #corrected()} is
 * corrected for coordinated omission over <em>all</em> requests: the samples it fills in stand for requests
 * a stalled user never sent, which have no outcome to sort them by (see the engine's {@code UserMeter}).
 *
 * @param key           the group, with its scenario, transaction and method where they apply
 * @param count         completed requests (successes and failures)
 * @param failures      failed requests, of any {@link ErrorKind}
 * @param rps           count / run duration in seconds
 * @param latency       raw latency of the requests that succeeded, from the actual send
 * @param failedLatency raw latency of the requests that failed (abandoned requests have none)
 * @param allLatency    raw latency of every request with a latency
 * @param corrected     latency of every request, corrected for coordinated omission (see README)
 * @param statusCodes   responses by HTTP status, failures included
 * @param errors        failures by kind
 * @param errorSamples  per error kind, up to {@value #MAX_ERROR_SAMPLES} distinct messages, in the order first seen
 *                      (e.g. {@code "HTTP 500: <first bytes of the body>"} or a connect error); iterates in
 *                      {@link ErrorKind} order
 * @param bytesSent     request bytes on the wire
 * @param bytesReceived response bytes on the wire
 */
public record StatsRow(StatsKey key, long count, long failures, double rps, LatencyStats latency,
                       LatencyStats failedLatency, LatencyStats allLatency, LatencyStats corrected,
                       Map<Integer, Long> statusCodes, Map<ErrorKind, Long> errors,
                       Map<ErrorKind, List<String>> errorSamples, long bytesSent, long bytesReceived) {
    /** At most this many distinct sample messages are kept per error kind and group. */
    public static final int MAX_ERROR_SAMPLES = 5;

    public StatsRow {
        Objects.requireNonNull(key, "key");
        latency = latency == null ? LatencyStats.EMPTY : latency;
        failedLatency = failedLatency == null ? LatencyStats.EMPTY : failedLatency;
        allLatency = allLatency == null ? LatencyStats.EMPTY : allLatency;
        corrected = corrected == null ? LatencyStats.EMPTY : corrected;
        statusCodes = Map.copyOf(statusCodes);
        errors = Map.copyOf(errors);
        Map<ErrorKind, List<String>> samples = new EnumMap<>(ErrorKind.class);
        errorSamples.forEach((kind, messages) -> {
            if (!messages.isEmpty()) {
                samples.put(kind, List.copyOf(messages.subList(0, Math.min(MAX_ERROR_SAMPLES, messages.size()))));
            }
        });
        errorSamples = Collections.unmodifiableMap(samples);
    }

    /** The group's display name; see {@link StatsKey#name()}. */
    public String name() {
        return key.name();
    }

    /** Failures as a percentage of count, 0 when there were no requests. */
    public double errorRate() {
        return count == 0 ? 0 : 100.0 * failures / count;
    }
}
