package io.maid.goose.domain.sample;

import io.maid.goose.domain.CheckStats;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.SkipStats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run's source recorded in one interval (about a second), before anything is reduced to
 * percentiles: counter deltas and encoded histograms. It is the one form the per-second figures, the
 * reports, the thresholds, the metrics exposition and a distributed run's merge derive their numbers from,
 * because samples from several sources of the same second merge exactly, and samples of successive seconds
 * accumulate exactly into run totals (see {@code ports.in.IntervalSampleMath}). The engine publishes each one
 * as an {@link io.maid.goose.domain.IntervalSampleEvent}.
 *
 * @param runId             the run
 * @param source            who recorded it: {@value #LOCAL} for this process, or a worker's id
 * @param second            the 1-based index of the interval within the run
 * @param timestamp         wall time at the end of the interval
 * @param elapsedSeconds    seconds since the run started, at the end of the interval
 * @param intervalSeconds   the interval's exact length
 * @param phase             the phase at the end of the interval
 * @param activeUsers       users running at the end of the interval (a gauge: merged by adding)
 * @param cpuUsage          the source's CPU use in percent, or -1 when unknown (merged as the maximum)
 * @param ramUsage          the source's RAM use in percent, or -1 when unknown (merged as the maximum)
 * @param keys              one per request key of the run, in the run's key order; a key without activity in the
 *                          interval has zero counts and empty histograms, so that accumulated samples keep every
 *                          key, in order, also one that never had a request
 * @param checks            check pass and fail deltas, one per check of the run, in config order
 * @param skipped           requests not sent in the interval, per transaction and reason that skipped in it, in
 *                          config and reason order
 * @param droppedIterations iterations the open model could not start for want of a free user
 * @param tlsHandshakes     TLS handshake times, in microseconds (empty over plain HTTP)
 * @param startedIterations arrivals of the open model that started an iteration (0 in a closed plan); with
 *                          {@code droppedIterations}, every arrival of the interval
 */
public record IntervalSample(String runId, String source, long second, Instant timestamp, double elapsedSeconds,
                             double intervalSeconds, RunPhase phase, int activeUsers, double cpuUsage,
                             double ramUsage, List<KeySample> keys, List<CheckStats> checks, List<SkipStats> skipped,
                             long droppedIterations, EncodedHistogram tlsHandshakes,
                             long startedIterations) {
    /** The source name of samples recorded by this process. */
    public static final String LOCAL = "local";

    public IntervalSample {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        keys = List.copyOf(keys);
        checks = List.copyOf(checks);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(tlsHandshakes, "tlsHandshakes");
    }

    /** A sample without started iterations (a closed plan). */
    public IntervalSample(String runId, String source, long second, Instant timestamp, double elapsedSeconds,
                          double intervalSeconds, RunPhase phase, int activeUsers, double cpuUsage, double ramUsage,
                          List<KeySample> keys, List<CheckStats> checks, List<SkipStats> skipped,
                          long droppedIterations, EncodedHistogram tlsHandshakes) {
        this(runId, source, second, timestamp, elapsedSeconds, intervalSeconds, phase, activeUsers, cpuUsage, ramUsage,
                keys, checks, skipped, droppedIterations, tlsHandshakes, 0);
    }
}
