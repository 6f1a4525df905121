package io.maid.goose.testkit;

import io.maid.goose.ports.out.StopSignal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManualClockTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:00:00Z"));

    private CompletableFuture<Boolean> sleeper(String name, long deadlineNanos, StopSignal signal) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(clock.sleepUntil(deadlineNanos, signal));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Test
    void wallTimeMovesWithMonotonicTime() {
        clock.advance(Duration.ofMillis(1500));
        assertEquals(1_500_000_000L, clock.monotonicNanos());
        assertEquals(Instant.parse("2025-06-01T12:00:01.500Z"), clock.wallTime());
    }

    @Test
    void timeNeverMovesBack() {
        assertThrows(IllegalArgumentException.class, () -> clock.advanceNanos(-1));
        clock.advanceNanos(10);
        clock.advanceTo(5);
        assertEquals(10, clock.monotonicNanos());
    }

    @Test
    void anAdvanceWakesOnlySleepersWhoseDeadlineIsReached() throws Exception {
        CompletableFuture<Boolean> early = sleeper("early", 1_000, new StopSignal());
        CompletableFuture<Boolean> late = sleeper("late", 2_000, new StopSignal());
        Await.until(() -> clock.sleepers() == 2, "both sleepers to park");

        clock.advanceNanos(1_000);

        assertTrue(early.get(5, TimeUnit.SECONDS));
        Await.until(() -> clock.sleepers() == 1, "the late sleeper to stay parked");
        assertFalse(late.isDone());
        clock.advanceNanos(1_000);
        assertTrue(late.get(5, TimeUnit.SECONDS));
        assertEquals(0, clock.sleepers());
    }

    @Test
    void signalledSleepersAreListedInSignalOrder() throws Exception {
        StopSignal a = new StopSignal();
        StopSignal b = new StopSignal();
        CompletableFuture<Boolean> first = sleeper("sleeper-a", 1_000_000, a);
        CompletableFuture<Boolean> second = sleeper("sleeper-b", 1_000_000, b);
        Await.until(() -> clock.sleepers() == 2, "both sleepers to park");

        b.signal();
        a.signal();

        assertFalse(first.get(5, TimeUnit.SECONDS));
        assertFalse(second.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("sleeper-b", "sleeper-a"), clock.signalledSleepers());
    }
}
