package io.maid.goose.testkit;

import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link Clock} must show. Subclass it once per implementation.
 */
public abstract class ClockContract {
    /** A fresh clock. */
    protected abstract Clock newClock();

    /**
     * Makes at least {@code amount} of monotonic time pass on {@code clock}, while another thread may be
     * sleeping on it: a real clock waits, a manual clock advances.
     */
    protected abstract void letTimePass(Clock clock, Duration amount);

    private record Woke(boolean deadlineReached, long atNanos) {
    }

    private static CompletableFuture<Woke> sleepInBackground(Clock clock, long deadline, StopSignal signal, Thread[] holder) {
        CompletableFuture<Woke> result = new CompletableFuture<>();
        holder[0] = Thread.ofPlatform().daemon().name("clock-contract-sleeper").start(() -> {
            try {
                boolean reached = clock.sleepUntil(deadline, signal);
                result.complete(new Woke(reached, clock.monotonicNanos()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Test
    void monotonicTimeNeverGoesBackwards() {
        Clock clock = newClock();
        long previous = clock.monotonicNanos();
        for (int i = 0; i < 10_000; i++) {
            if (i % 1000 == 0) {
                letTimePass(clock, Duration.ofNanos(1_000));
            }
            long now = clock.monotonicNanos();
            assertTrue(now >= previous, "monotonic time went back from " + previous + " to " + now);
            previous = now;
        }
    }

    @Test
    void wallTimeIsAvailable() {
        assertNotNull(newClock().wallTime());
    }

    @Test
    void sleepUntilReturnsTrueOnceTheDeadlineIsReached() throws Exception {
        Clock clock = newClock();
        long deadline = clock.monotonicNanos() + Duration.ofMillis(20).toNanos();
        Thread[] sleeper = new Thread[1];
        CompletableFuture<Woke> woke = sleepInBackground(clock, deadline, new StopSignal(), sleeper);
        letTimePass(clock, Duration.ofMillis(20));
        Woke w = woke.get(10, TimeUnit.SECONDS);
        assertTrue(w.deadlineReached(), "sleepUntil should report the deadline as reached");
        assertTrue(w.atNanos() >= deadline, "woke at " + w.atNanos() + ", before the deadline " + deadline);
    }

    @Test
    void sleepUntilReturnsAtOnceForADeadlineInThePast() throws Exception {
        Clock clock = newClock();
        assertTrue(clock.sleepUntil(clock.monotonicNanos() - 1, new StopSignal()));
    }

    @Test
    void sleepUntilReturnsFalsePromptlyWhenSignalledBeforeTheDeadline() throws Exception {
        Clock clock = newClock();
        StopSignal signal = new StopSignal();
        Thread[] sleeper = new Thread[1];
        CompletableFuture<Woke> woke = sleepInBackground(clock, clock.monotonicNanos() + Duration.ofHours(1).toNanos(),
                signal, sleeper);
        Await.until(() -> sleeper[0] != null && (sleeper[0].getState() == Thread.State.WAITING
                || sleeper[0].getState() == Thread.State.TIMED_WAITING), Duration.ofSeconds(5), "the sleeper to block");
        signal.signal();
        Woke w = woke.get(2, TimeUnit.SECONDS);
        assertFalse(w.deadlineReached(), "a signal before the deadline must make sleepUntil return false");
    }

    @Test
    void sleepUntilReturnsFalseAtOnceWhenAlreadySignalled() throws Exception {
        Clock clock = newClock();
        StopSignal signal = new StopSignal();
        signal.signal();
        Thread[] sleeper = new Thread[1];
        Woke w = sleepInBackground(clock, clock.monotonicNanos() + Duration.ofHours(1).toNanos(), signal, sleeper)
                .get(2, TimeUnit.SECONDS);
        assertEquals(false, w.deadlineReached());
    }
}
