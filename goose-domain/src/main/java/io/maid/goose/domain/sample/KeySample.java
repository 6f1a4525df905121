package io.maid.goose.domain.sample;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.StatsKey;

import java.util.Map;
import java.util.Objects;

/**
 * What one request key did in one interval, nothing reduced: counter deltas and the interval's histograms.
 * Two samples of the same key and second merge exactly (counts and maps add, histograms add).
 *
 * @param key           a {@link StatsKey.Kind#REQUEST request} key
 * @param requests      completed requests (successes and failures)
 * @param failures      failed requests, of any kind
 * @param bytesSent     request bytes on the wire
 * @param bytesReceived response bytes on the wire
 * @param statusCodes   responses by HTTP status, failures included
 * @param errors        failures by kind
 * @param ok            raw latency of the successful requests
 * @param failed        raw latency of the failed requests that have one
 * @param corrected     latency of every request, corrected for coordinated omission
 */
public record KeySample(StatsKey key, long requests, long failures, long bytesSent, long bytesReceived,
                        Map<Integer, Long> statusCodes, Map<ErrorKind, Long> errors, EncodedHistogram ok,
                        EncodedHistogram failed, EncodedHistogram corrected) {
    public KeySample {
        Objects.requireNonNull(key, "key");
        if (key.kind() != StatsKey.Kind.REQUEST) {
            throw new IllegalArgumentException("a key sample is per request key, not " + key.kind().wireName());
        }
        statusCodes = Map.copyOf(statusCodes);
        errors = Map.copyOf(errors);
        Objects.requireNonNull(ok, "ok");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(corrected, "corrected");
    }
}
