package io.maid.goose.adapter.http.helidon;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits on a condition with a deadline instead of sleeping. */
final class Await {
    private static final long POLL_NANOS = 5_000_000;

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms: " + whatFailed.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
