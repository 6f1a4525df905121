package io.maid.goose.ports.out;

import java.time.Instant;

/**
 * Time, with wall time and monotonic time kept apart: wall time stamps events, monotonic time measures
 * every duration. The engine also waits through the clock, so a manual clock in tests drives ramp-up,
 * think time and phase lengths deterministically.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {
    /** Wall time, for timestamps only. */
    Instant wallTime();

    /** Monotonic nanoseconds from an arbitrary origin, for durations only. */
    long monotonicNanos();

    /**
     * Waits until {@link #monotonicNanos()} reaches {@code deadlineNanos}, or until {@code wakeUp} is
     * signalled, whichever comes first.
     *
     * @return true if the deadline was reached, false if woken by the signal
     */
    boolean sleepUntil(long deadlineNanos, StopSignal wakeUp) throws InterruptedException;
}
