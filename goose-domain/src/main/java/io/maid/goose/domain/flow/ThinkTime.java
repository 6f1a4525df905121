package io.maid.goose.domain.flow;

import io.maid.goose.domain.Checks;
import io.maid.goose.domain.ConfigException;

/**
 * A pause: fixed when {@code minSeconds == maxSeconds}, otherwise drawn uniformly from the range for each
 * wait (Goose's {@code set_wait_time}). On the wire a number ({@code 0.5}) or {@code {"min": 1, "max": 3}}.
 */
public record ThinkTime(double minSeconds, double maxSeconds) {
    public static final double MAX_SECONDS = 3600;
    public static final ThinkTime NONE = new ThinkTime(0, 0);

    public ThinkTime {
        Checks.range("min", minSeconds, 0, MAX_SECONDS);
        Checks.range("max", maxSeconds, 0, MAX_SECONDS);
        if (maxSeconds < minSeconds) {
            throw new ConfigException("max", "must be at least min (" + Checks.fmt(minSeconds) + "), was "
                    + Checks.fmt(maxSeconds));
        }
    }

    /** A fixed pause; a bad value is reported at the field that holds the number (field {@code ""}). */
    public static ThinkTime fixed(double seconds) {
        Checks.range("", seconds, 0, MAX_SECONDS);
        return seconds == 0 ? NONE : new ThinkTime(seconds, seconds);
    }

    public static ThinkTime between(double minSeconds, double maxSeconds) {
        return new ThinkTime(minSeconds, maxSeconds);
    }

    public boolean isFixed() {
        return minSeconds == maxSeconds;
    }

    /** The mean pause, for expectations such as the coordinated-omission cadence. */
    public double meanSeconds() {
        return (minSeconds + maxSeconds) / 2;
    }

    /** One pause in nanoseconds, given a uniform draw {@code u} in {@code [0, 1)}. */
    public long nanos(double u) {
        double s = isFixed() ? minSeconds : minSeconds + u * (maxSeconds - minSeconds);
        return Math.round(s * 1e9);
    }
}
