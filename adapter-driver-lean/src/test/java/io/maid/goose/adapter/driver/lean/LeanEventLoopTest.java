package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the loops run: wake-ups, task order across producers, timers through the queue, start and stop. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LeanEventLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LeanLoopTransport transport = new LeanLoopTransport(2);

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void theLoopsAreNamedPlatformDaemonThreads() throws Exception {
        List<String> names = new ArrayList<>();
        for (EventLoop loop : transport.eventLoops()) {
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            loop.execute(() -> thread.complete(Thread.currentThread()));
            Thread t = thread.get(10, TimeUnit.SECONDS);
            assertTrue(t.isDaemon() && !t.isVirtual(), t.toString());
            names.add(t.getName());
        }
        assertEquals(List.of("goose-lean-loop-0", "goose-lean-loop-1"), names);
    }

    @Test
    void aBurstOfTasksFromAnotherThreadToABusyLoopCostsNoWakeup() throws Exception {
        LeanEventLoop loop = (LeanEventLoop) transport.eventLoops().get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        loop.execute(() -> {
            busy.countDown();
            await(release); // the loop is busy, not in select, while the burst arrives
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        long before = loop.wakeups();

        for (int i = 0; i < 10_000; i++) {
            loop.execute(ran::incrementAndGet);
        }
        release.countDown();
        Await.until(() -> ran.get() == 10_000, WAIT, "the burst ran");

        assertEquals(0, loop.wakeups() - before, "a loop that is not in select is never woken");
    }

    @Test
    void anIdleLoopIsWokenForATaskFromAnotherThread() {
        LeanEventLoop loop = (LeanEventLoop) transport.eventLoops().get(0);
        AtomicBoolean first = new AtomicBoolean();
        loop.execute(() -> first.set(true));
        Await.until(first::get, WAIT, "the first task ran");
        Await.until(() -> loop.sleepingInSelect(), WAIT, "the loop to block in select with nothing to do");
        long before = loop.wakeups();
        AtomicBoolean second = new AtomicBoolean();

        loop.execute(() -> second.set(true));

        Await.until(second::get, WAIT, "the task submitted to the idle loop ran");
        assertEquals(before + 1, loop.wakeups());
    }

    @Test
    void tasksFromTheLoopItselfNeverWakeTheSelector() throws Exception {
        LeanEventLoop loop = (LeanEventLoop) transport.eventLoops().get(0);
        CompletableFuture<Long> wakeupsMeanwhile = new CompletableFuture<>();
        loop.execute(() -> {
            long before = loop.wakeups();
            AtomicInteger left = new AtomicInteger(1_000);
            Runnable next = new Runnable() {
                @Override
                public void run() {
                    if (left.decrementAndGet() > 0) {
                        loop.execute(this);
                    } else {
                        wakeupsMeanwhile.complete(loop.wakeups() - before);
                    }
                }
            };
            loop.execute(next);
        });

        assertEquals(0L, wakeupsMeanwhile.get(10, TimeUnit.SECONDS));
    }

    @Test
    void tasksFromEachProducerRunInThatProducersOrder() throws Exception {
        EventLoop loop = transport.eventLoops().get(1);
        int producers = 4;
        int each = 2_000;
        List<int[]> ran = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    int n = i;
                    loop.execute(() -> ran.add(new int[] {producer, n}));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Await.until(() -> ran.size() == producers * each, WAIT, "every task ran");

        int[] next = new int[producers];
        for (int[] r : ran) {
            assertEquals(next[r[0]]++, r[1], "producer " + r[0] + "'s tasks in order");
        }
    }

    @Test
    void aTimerWithNoDelayRunsAfterTheQueuedTasksAndCanStillBeCancelled() {
        EventLoop loop = transport.eventLoops().get(0);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        loop.execute(() -> {
            loop.execute(() -> order.add("earlier task"));
            loop.schedule(0, () -> order.add("timer"));
            EventLoop.Timer doomed = loop.schedule(-5, () -> order.add("cancelled timer"));
            loop.execute(() -> order.add("task"));
            cancelled.set(doomed.cancel());
        });

        Await.until(() -> order.size() == 3, WAIT, "the timer and the tasks ran");
        Await.until(() -> cancelled.get() != null, WAIT, "the cancel ran");
        assertEquals(List.of("earlier task", "timer", "task"), order);
        assertTrue(cancelled.get());
    }

    @Test
    void aTimerScheduledFromATimerFiresInItsTurn() {
        EventLoop loop = transport.eventLoops().get(0);
        List<String> order = new CopyOnWriteArrayList<>();
        loop.execute(() -> loop.schedule(Duration.ofMillis(5).toNanos(), () -> {
            order.add("first");
            loop.schedule(Duration.ofMillis(5).toNanos(), () -> order.add("second"));
        }));

        Await.until(() -> order.size() == 2, WAIT, "both timers fired");
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void aTransportClosedBeforeItsLoopsStartedHasLoopsThatRunNothing() {
        LeanLoopTransport unused = new LeanLoopTransport(1);
        unused.close();

        List<EventLoop> loops = unused.eventLoops();

        assertEquals(1, loops.size());
        assertFalse(((LeanEventLoop) loops.get(0)).submit(() -> { }));
        assertThrows(IllegalArgumentException.class, () -> new LeanLoopTransport(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
