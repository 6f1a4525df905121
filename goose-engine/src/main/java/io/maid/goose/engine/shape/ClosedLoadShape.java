package io.maid.goose.engine.shape;

import io.maid.goose.domain.RunConfig;

/**
 * Goose's closed model: a fixed population of users, launched at {@code hatchRate} per second and evenly
 * spaced (user {@code i} at {@code (i + 1) / hatchRate} s, so 2 users/s launches at 0.5 s, 1.0 s, 1.5 s,
 * ...), held for {@code maintainNanos}, then all told to stop at once (Goose's default plan ends with
 * "0 users over 0 s").
 *
 * <p>A hatch rate so low that a launch lies beyond {@code Long.MAX_VALUE} nanoseconds gives that launch the
 * offset {@code Long.MAX_VALUE} (never), so the run's {@link #plannedNanos() planned length} saturates too.
 */
public record ClosedLoadShape(int users, double hatchRate, long maintainNanos) implements LoadShape {
    private static final double NANOS_PER_SECOND = 1e9;

    public ClosedLoadShape {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, was " + users);
        }
        if (!(hatchRate > 0) || Double.isInfinite(hatchRate)) {
            throw new IllegalArgumentException("hatchRate must be a positive number, was " + hatchRate);
        }
        if (maintainNanos < 0) {
            throw new IllegalArgumentException("maintainNanos must be >= 0, was " + maintainNanos);
        }
    }

    /** The shape a run config describes. */
    public static ClosedLoadShape of(RunConfig config) {
        return new ClosedLoadShape(config.users(), config.hatchRate(), config.duration().seconds() * 1_000_000_000L);
    }

    @Override
    public long launchOffsetNanos(int index) {
        // Math.round saturates: an offset beyond Long.MAX_VALUE (or an infinite one) becomes Long.MAX_VALUE.
        return Math.round((index + 1.0) * NANOS_PER_SECOND / hatchRate);
    }

    @Override
    public long stopOffsetNanos(int ordinal) {
        return 0;
    }
}
