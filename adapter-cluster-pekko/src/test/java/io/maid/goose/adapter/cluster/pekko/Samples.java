package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Interval samples for the tests, with the latencies (microseconds) of one request key's successful requests. */
final class Samples {
    static final StatsKey HOME = StatsKey.request(HttpMethod.GET, "browse", "home");

    private Samples() {
    }

    static IntervalSample of(String runId, String source, long second, long... micros) {
        Histogram h = HdrSampleMath.histogram();
        for (long m : micros) {
            h.recordValue(m);
        }
        EncodedHistogram ok = HdrSampleMath.encode(h);
        KeySample key = new KeySample(HOME, micros.length, 0, 100L * micros.length, 200L * micros.length,
                micros.length == 0 ? Map.of() : Map.of(200, (long) micros.length), Map.of(), ok, EncodedHistogram.EMPTY, ok);
        return new IntervalSample(runId, source, second, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(second), second,
                1.0, RunPhase.MAINTAIN, 1, 10, 20, micros.length == 0 ? List.of() : List.of(key), List.of(), List.of(), 0,
                EncodedHistogram.EMPTY);
    }

    static long requests(IntervalSample s) {
        return s == null ? 0 : s.keys().stream().mapToLong(KeySample::requests).sum();
    }
}
