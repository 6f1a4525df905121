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
 * <p>Contract: {@code launchOffsetNanos} and {@code stopOffsetNanos} are non-decreasing in their argument;
 * implementations are immutable.
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
}
