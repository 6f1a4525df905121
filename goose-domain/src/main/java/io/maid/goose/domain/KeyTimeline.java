package io.maid.goose.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One request key's latency over a run, second by second: for each entry of {@link RunSummary#timeline()},
 * at the same index, the p95 raw latency in milliseconds of the key's successful requests in that
 * interval, or {@link Double#NaN} when the key had no successful request in it. This is what a "p95 over
 * time per request" chart plots; the interval's overall percentiles stay on {@link MetricsSnapshot}.
 *
 * <p>Values are compared by content, so two timelines with the same key and the same values are equal.
 *
 * @param key          a request key ({@link StatsKey.Kind#REQUEST})
 * @param latencyP95Ms one value per timeline entry; the array is copied in and out
 */
public record KeyTimeline(StatsKey key, double[] latencyP95Ms) {
    public KeyTimeline {
        Objects.requireNonNull(key, "key");
        latencyP95Ms = latencyP95Ms.clone();
    }

    @Override
    public double[] latencyP95Ms() {
        return latencyP95Ms.clone();
    }

    /** How many intervals the timeline covers. */
    public int length() {
        return latencyP95Ms.length;
    }

    /** The p95 of interval {@code i}, NaN when the key had no successful request in it. */
    public double p95At(int i) {
        return latencyP95Ms[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTimeline other && key.equals(other.key) && Arrays.equals(latencyP95Ms, other.latencyP95Ms);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(latencyP95Ms);
    }

    @Override
    public String toString() {
        return "KeyTimeline[" + key.name() + ", " + latencyP95Ms.length + " intervals]";
    }
}
