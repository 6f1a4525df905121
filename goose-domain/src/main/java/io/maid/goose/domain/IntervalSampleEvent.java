package io.maid.goose.domain;

import io.maid.goose.domain.sample.IntervalSample;

import java.util.Objects;

/**
 * One interval of a run as recorded, before anything is reduced to percentiles: the engine publishes it once a
 * second, just before the {@link MetricsSnapshot} it reduces to. It is for sinks that combine or re-reduce
 * samples (a distributed run, a metrics exposition, thresholds); the stream does not send it to clients.
 *
 * <p>A wrapper, because {@link RunEvent} is sealed and its members must share its package, while the sample
 * belongs to {@code domain.sample}.
 *
 * @param sample the interval's counter deltas and encoded histograms
 */
public record IntervalSampleEvent(IntervalSample sample) implements RunEvent {
    public IntervalSampleEvent {
        Objects.requireNonNull(sample, "sample");
    }

    @Override
    public String runId() {
        return sample.runId();
    }
}
