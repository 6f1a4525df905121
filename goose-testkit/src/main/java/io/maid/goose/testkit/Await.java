package io.maid.goose.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something to happen: poll a condition until it holds or a deadline passes.
 * Never a fixed sleep, so a test is as fast as the code under test and fails with a clear message
 * instead of hanging.
 */
public final class Await {
    private static final long POLL_NANOS = 100_000;

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} is true.
     *
     * @throws AssertionError naming {@code description} if it is still false after {@code deadline}
     */
    public static void until(BooleanSupplier condition, Duration deadline, String description) {
        until(condition, deadline, () -> description);
    }

    /**
     * As {@link #until(BooleanSupplier, Duration, String)}, with a description made only when the wait fails,
     * so that it can show the state the condition last saw.
     */
    public static void until(BooleanSupplier condition, Duration deadline, Supplier<String> description) {
        long end = System.nanoTime() + deadline.toNanos();
        int spins = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for: " + description.get());
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(POLL_NANOS);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for: " + description.get());
            }
        }
    }

    /** {@link #until(BooleanSupplier, Duration, String)} with a 10 s deadline. */
    public static void until(BooleanSupplier condition, String description) {
        until(condition, Duration.ofSeconds(10), description);
    }
}
