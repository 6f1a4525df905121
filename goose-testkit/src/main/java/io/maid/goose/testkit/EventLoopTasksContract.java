package io.maid.goose.testkit;

import io.maid.goose.ports.out.EventLoop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop half of the {@link EventLoopTransportContract}: an {@link EventLoop}'s tasks and timers, and the
 * calls only its own thread may make. Subclass {@link EventLoopTransportContract}, which runs these too.
 */
public abstract class EventLoopTasksContract extends EventLoopTransportSupport {
    @Test
    void theLoopsAreFixedForTheTransportsLife() {
        List<EventLoop> first = transport.eventLoops();
        assertFalse(first.isEmpty(), "an event-loop transport has at least one loop");
        List<EventLoop> second = transport.eventLoops();
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i), "loop " + i);
        }
    }

    @Test
    void tasksRunOnTheLoopThreadInSubmissionOrder() {
        EventLoop loop = loop();
        assertFalse(loop.inLoop(), "the test thread is not a loop thread");
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicBoolean allInLoop = new AtomicBoolean(true);
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            loop.execute(() -> {
                allInLoop.compareAndSet(true, loop.inLoop());
                order.add(n);
            });
        }
        Await.until(() -> order.size() == 1_000, WAIT, "1,000 tasks ran");
        assertTrue(allInLoop.get(), "every task ran on the loop's thread");
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, order.get(i), "task " + i + " ran in order");
        }
    }

    @Test
    void aTaskSubmittedFromTheLoopRunsAfterTheCurrentTaskNotInsideIt() {
        EventLoop loop = loop();
        List<String> order = new CopyOnWriteArrayList<>();
        loop.execute(() -> {
            loop.execute(() -> order.add("inner"));
            order.add("outer done");
        });
        Await.until(() -> order.size() == 2, WAIT, "both tasks ran");
        assertEquals(List.of("outer done", "inner"), order);
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() {
        EventLoop loop = loop();
        AtomicBoolean after = new AtomicBoolean();
        loop.execute(() -> {
            throw new IllegalStateException("deliberate failure in a task");
        });
        loop.execute(() -> after.set(true));
        Await.until(after::get, WAIT, "the task after the throwing one ran");
    }

    @Test
    void aTimerFiresOnTheLoopNoEarlierThanItsDelay() {
        EventLoop loop = loop();
        long delay = Duration.ofMillis(30).toNanos();
        AtomicLong scheduledAt = new AtomicLong();
        AtomicLong firedAt = new AtomicLong();
        AtomicBoolean firedInLoop = new AtomicBoolean();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            scheduledAt.set(loopNanos());
            loop.schedule(delay, () -> {
                firedInLoop.set(loop.inLoop());
                firedAt.set(loopNanos());
            });
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        advanceLoopTime(Duration.ofNanos(delay));
        Await.until(() -> firedAt.get() != 0, WAIT, "the timer fired");
        assertTrue(firedInLoop.get(), "the timer ran on the loop's thread");
        assertTrue(firedAt.get() - scheduledAt.get() >= delay,
                "fired after " + (firedAt.get() - scheduledAt.get()) + " ns, asked for " + delay);
    }

    @Test
    void aCancelledTimerNeverFiresAndCancelSaysWhetherItPreventedIt() {
        EventLoop loop = loop();
        AtomicBoolean cancelledOneRan = new AtomicBoolean();
        AtomicBoolean laterOneRan = new AtomicBoolean();
        AtomicReference<Boolean> firstCancel = new AtomicReference<>();
        AtomicReference<Boolean> secondCancel = new AtomicReference<>();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            EventLoop.Timer early = loop.schedule(Duration.ofMillis(10).toNanos(), () -> cancelledOneRan.set(true));
            firstCancel.set(early.cancel());
            secondCancel.set(early.cancel());
            loop.schedule(Duration.ofMillis(40).toNanos(), () -> laterOneRan.set(true));
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        advanceLoopTime(Duration.ofMillis(40));
        Await.until(laterOneRan::get, WAIT, "the later timer fired");
        assertFalse(cancelledOneRan.get(), "the cancelled timer, due earlier, never ran");
        assertEquals(Boolean.TRUE, firstCancel.get(), "the first cancel prevented the run");
        assertEquals(Boolean.FALSE, secondCancel.get(), "a second cancel prevents nothing more");
    }

    @Test
    void cancellingATimerThatAlreadyFiredReturnsFalse() {
        EventLoop loop = loop();
        AtomicReference<EventLoop.Timer> timer = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            timer.set(loop.schedule(0, () -> fired.set(true)));
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        Await.until(fired::get, WAIT, "the due timer fired");
        CompletableFuture<Boolean> cancel = new CompletableFuture<>();
        loop.execute(() -> cancel.complete(timer.get().cancel()));
        assertFalse(cancel.join(), "nothing left to prevent");
    }

    @Test
    void loopOnlyCallsRefuseOtherThreads() {
        EventLoop loop = loop();
        assertThrows(IllegalStateException.class, () -> loop.schedule(1, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.openSession(options(0)));
    }
}
