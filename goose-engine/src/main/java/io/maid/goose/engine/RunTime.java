package io.maid.goose.engine;

import io.maid.goose.ports.out.Clock;

import java.time.Instant;

/**
 * A run's own time line: the wall time read once when the run starts, moved on by the monotonic clock.
 * Every instant a run stamps on its phases and its summary comes from here, so the length of a span
 * between two stamps is exactly the monotonic time that passed, whatever the wall clock does meanwhile
 * (a VM's or NTP's step, or a read that lands late). Log lines keep the plain wall time.
 */
record RunTime(Clock clock, Instant originWall, long originNanos) {

    static RunTime startingNow(Clock clock) {
        long nanos = clock.monotonicNanos();
        return new RunTime(clock, clock.wallTime(), nanos);
    }

    /** The instant {@code monotonicNanos} (read from the same clock) maps to. */
    Instant at(long monotonicNanos) {
        return originWall.plusNanos(monotonicNanos - originNanos);
    }
}
