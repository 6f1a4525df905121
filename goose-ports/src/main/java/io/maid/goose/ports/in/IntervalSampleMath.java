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
     * One sample of several sources' samples of the same run and second: counts and maps add key-wise (keys,
     * checks and skips matched by name, in the order they first appear), histograms add without loss, active
     * users add, CPU and RAM take the maximum, the phase is the least advanced of the sources, and the time
     * stamp, elapsed time and interval length are the latest and longest. The result's source is
     * {@code source}.
     *
     * @throws IllegalArgumentException when the samples are of different runs or seconds, or none is given
     */
    IntervalSample merge(String source, List<IntervalSample> sameSecond);

    /**
     * The running total of {@code total} (null before the first sample) and the next sample: counts add,
     * histograms add, interval lengths add; the gauges (phase, users, CPU, RAM, timestamp, elapsed time) are
     * the later sample's, and so are its source and second. A snapshot of the total gives the mean rates over
     * the seconds it covers.
     *
     * @throws IllegalArgumentException when {@code next} is of another run than {@code total}, or not of a later
     *                                  second
     */
    IntervalSample accumulate(IntervalSample total, IntervalSample next);

    /**
     * The per-second figures of one sample, exactly as the engine publishes them: percentiles and the maximum
     * of the successful requests of every key together, the corrected p99 of all requests, rates over the
     * sample's interval length, failed checks and skipped requests summed.
     */
    MetricsSnapshot snapshot(IntervalSample sample);

    /**
     * The statistics tables of an accumulated sample over a run of {@code durationSeconds}: a row per request
     * key, per transaction and per scenario, in the sample's key order, and the total. Samples carry no error
     * messages, so the rows' {@code errorSamples} are empty; everything else equals the run summary's rows.
     */
    SampleTotals totals(IntervalSample accumulated, double durationSeconds);
}
