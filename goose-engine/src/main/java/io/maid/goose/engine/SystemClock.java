package io.maid.goose.engine;

import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;

import java.time.Instant;

/**
 * The real clock: {@link System#nanoTime()} for monotonic time, {@link Instant#now()} for wall time.
 * {@link #sleepUntil} parks on the stop signal itself, so a signal wakes the sleeper at once without
 * polling; it works the same on platform and virtual threads. Thread-safe and stateless.
 */
public final class SystemClock implements Clock {
    public SystemClock() {
    }

    @Override
    public Instant wallTime() {
        return Instant.now();
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public boolean sleepUntil(long deadlineNanos, StopSignal wakeUp) throws InterruptedException {
        while (true) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (wakeUp.await(remaining)) {
                return false;
            }
        }
    }
}
