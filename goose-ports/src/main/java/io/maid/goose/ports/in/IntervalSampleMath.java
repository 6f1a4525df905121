package io.maid.goose.ports.in;

import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.SampleTotals;

import java.util.List;

/**
 * Exact arithmetic on {@link IntervalSample}s, for the adapters that combine or reduce samples (a distributed
 * run's coordinator, the metrics exposition, reports read back). The engine implements it, since it is the
 * one core module that holds HdrHistogram; app hands it to the adapters that need it.
 *
 * <p>All methods are pure and thread-safe: they never change their arguments.
 */
public interface IntervalSampleMath {
    /**
     * One sample of several sources' samples of the same run and second: counts and maps add key-wise,
     * histograms add without loss, active users add, CPU and RAM take the maximum. The result's source is
     * {@code source}.
     *
     * @throws IllegalArgumentException when the samples are of different runs or seconds, or none is given
     */
    IntervalSample merge(String source, List<IntervalSample> sameSecond);

    /**
     * The running total of {@code total} (null before the first sample) and the next sample: counts add,
     * histograms add; the gauges (phase, users, CPU, RAM, timestamp, elapsed time) are the later sample's.
     */
    IntervalSample accumulate(IntervalSample total, IntervalSample next);

    /** The per-second figures of one sample, percentiles read from its histograms. */
    MetricsSnapshot snapshot(IntervalSample sample);

    /** The statistics tables of an accumulated sample over a run of {@code durationSeconds}. */
    SampleTotals totals(IntervalSample accumulated, double durationSeconds);
}
