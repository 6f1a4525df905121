package io.maid.goose.engine.shape;

/**
 * When users start and stop: the load model, kept apart from the machinery that runs users so that
 * another model can be plugged in without touching the engine.
 *
 * <p>Times are monotonic nanosecond offsets. The engine launches user {@code i} at
 * {@code runStart + launchOffsetNanos(i)}, holds all users for {@link #maintainNanos()} once the last has
 * launched, then stops them most recently launched first, the {@code k}-th at
 * {@code decreaseStart + stopOffsetNanos(k)}. A stop request cuts every remaining wait short.
 *
 * <p>Contract: {@code launchOffsetNanos} and {@code stopOffsetNanos} are non-decreasing in their argument
 * and never negative; an offset too large to represent is {@link Long#MAX_VALUE} (effectively never), not
 * an overflow. Implementations are immutable.
 */
public interface LoadShape {
    /** How many users the run reaches. */
    int users();

    /** Offset from the run start at which user {@code index} (0-based, in launch order) launches. */
    long launchOffsetNanos(int index);

    /** How long the maintain phase holds every user. */
    long maintainNanos();

    /** Offset from the start of decrease at which the {@code ordinal}-th user to stop is told to stop. */
    long stopOffsetNanos(int ordinal);

    /**
     * The planned length of the run, from its start to the last user's stop (ramp-up, maintain and
     * ramp-down, without the shutdown grace): the last launch, plus {@link #maintainNanos()}, plus the last
     * stop offset. Saturates
     * at {@link Long#MAX_VALUE} instead of overflowing, so an absurd plan (a hatch rate of 1e-300) stays
     * absurdly long rather than wrapping round to the past.
     */
    default long plannedNanos() {
        return saturatingAdd(saturatingAdd(launchOffsetNanos(users() - 1), maintainNanos()), stopOffsetNanos(users() - 1));
    }

    /** {@code a + b} for non-negative durations, {@link Long#MAX_VALUE} where the sum would overflow. */
    static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
