package io.maid.goose.engine.metrics;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.SkipStats;
import io.maid.goose.domain.StatsKey;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Interval samples for the math's tests. */
final class Samples {
    static final StatsKey HOME = StatsKey.request(HttpMethod.GET, "browse", "home");
    static final StatsKey SLOW = StatsKey.request(HttpMethod.GET, "browse", "slow");
    static final StatsKey POST = StatsKey.request(HttpMethod.POST, "api", "post");
    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private Samples() {
    }

    static Histogram histogram(long... micros) {
        Histogram h = LatencyRecorders.newHistogram();
        for (long m : micros) {
            h.recordValue(m);
        }
        return h;
    }

    static EncodedHistogram encoded(long... micros) {
        return EncodedHistograms.encode(histogram(micros));
    }

    /** A key whose requests all succeeded with 200, raw and corrected latency alike. */
    static KeySample ok(StatsKey key, long... micros) {
        return new KeySample(key, micros.length, 0, 100L * micros.length, 200L * micros.length,
                micros.length == 0 ? Map.of() : Map.of(200, (long) micros.length), Map.of(), encoded(micros),
                EncodedHistogram.EMPTY, encoded(micros));
    }

    static KeySample key(StatsKey key, long requests, long failures, Map<Integer, Long> statuses,
                         Map<ErrorKind, Long> errors, EncodedHistogram ok, EncodedHistogram failed,
                         EncodedHistogram corrected) {
        return new KeySample(key, requests, failures, 10 * requests, 20 * requests, statuses, errors, ok, failed, corrected);
    }

    static IntervalSample sample(String source, long second, List<KeySample> keys) {
        return sample("run-1", source, second, RunPhase.MAINTAIN, 10, 50, keys, List.of(), List.of());
    }

    static IntervalSample sample(String runId, String source, long second, RunPhase phase, int users, double cpu,
                                 List<KeySample> keys, List<CheckStats> checks, List<SkipStats> skipped) {
        return new IntervalSample(runId, source, second, T0.plusSeconds(second), second, 1.0, phase, users, cpu, cpu / 2,
                keys, checks, skipped, 0, EncodedHistogram.EMPTY);
    }

    /** {@code s} with these TLS handshake times, µs. */
    static IntervalSample withHandshakes(IntervalSample s, long... micros) {
        return new IntervalSample(s.runId(), s.source(), s.second(), s.timestamp(), s.elapsedSeconds(),
                s.intervalSeconds(), s.phase(), s.activeUsers(), s.cpuUsage(), s.ramUsage(), s.keys(), s.checks(),
                s.skipped(), s.droppedIterations(), encoded(micros));
    }
}
