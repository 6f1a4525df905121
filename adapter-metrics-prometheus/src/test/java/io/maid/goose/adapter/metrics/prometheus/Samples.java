package io.maid.goose.adapter.metrics.prometheus;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.testkit.SampleHistograms;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Interval samples as the engine builds them: counter deltas and HdrHistogram-encoded latencies. */
final class Samples {
    private Samples() {
    }

    /** A histogram of the given latencies in microseconds, encoded as the engine encodes them. */
    static EncodedHistogram micros(long... values) {
        if (values.length == 0) {
            return EncodedHistogram.EMPTY;
        }
        Histogram h = new Histogram(1, 3_600_000_000L, 3);
        for (long v : values) {
            h.recordValue(v);
        }
        return EncodedHistogram.ofBase64(SampleHistograms.encode(h));
    }

    static KeySample key(String scenario, String transaction, Map<Integer, Long> statusCodes, long noResponse,
                         Map<ErrorKind, Long> errors, EncodedHistogram ok) {
        long answered = statusCodes.values().stream().mapToLong(Long::longValue).sum();
        long failures = errors.values().stream().mapToLong(Long::longValue).sum();
        return new KeySample(StatsKey.request(HttpMethod.GET, scenario, transaction), answered + noResponse, failures,
                0, 0, statusCodes, errors, ok, EncodedHistogram.EMPTY, EncodedHistogram.EMPTY);
    }

    static KeySample ok(String scenario, String transaction, long count) {
        return key(scenario, transaction, Map.of(200, count), 0, Map.of(), EncodedHistogram.EMPTY);
    }

    static IntervalSample sample(String runId, long second, int users, long dropped, List<KeySample> keys) {
        return new IntervalSample(runId, IntervalSample.LOCAL, second, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second),
                second, 1, RunPhase.MAINTAIN, users, -1, -1, keys, List.of(), List.of(), dropped, EncodedHistogram.EMPTY);
    }
}
