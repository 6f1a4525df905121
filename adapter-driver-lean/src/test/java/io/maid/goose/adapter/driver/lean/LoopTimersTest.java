package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopTimersTest {
    private boolean onLoop = true;
    private final LoopTimers timers = new LoopTimers(new EventLoop() {
        @Override
        public void execute(Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Timer schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LoopSession openSession(SessionOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean inLoop() {
            return onLoop;
        }
    });

    @Test
    void dueTimersComeOutByDeadlineThenInSchedulingOrderWithoutTheCancelledOnes() {
        Random random = new Random(42);
        List<int[]> expected = new ArrayList<>(); // {deadline, order}
        List<Integer> fired = new ArrayList<>();
        List<LoopTimers.LoopTimer> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int order = i;
            int deadline = random.nextInt(300); // plenty of equal deadlines
            LoopTimers.LoopTimer timer = timers.newTimer(() -> fired.add(order));
            timers.add(timer, deadline);
            all.add(timer);
            expected.add(new int[] {deadline, order});
        }
        for (int i = 0; i < 700; i++) {
            int victim = random.nextInt(all.size());
            boolean wasPending = expected.removeIf(e -> e[1] == victim);
            assertEquals(wasPending, all.get(victim).cancel(), "cancel says whether it prevented the run");
        }
        expected.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));

        for (long now = 0; now < 300; now += 7) {
            LoopTimers.LoopTimer due;
            while ((due = timers.pollDue(now)) != null) {
                due.run();
            }
        }
        LoopTimers.LoopTimer due;
        while ((due = timers.pollDue(Long.MAX_VALUE / 2)) != null) {
            due.run();
        }

        assertEquals(expected.stream().map(e -> e[1]).toList(), fired);
        assertEquals(0, timers.size());
        assertFalse(all.get(expected.get(0)[1]).cancel(), "a timer that fired cannot be cancelled");
    }

    @Test
    void aTimerIsNotDueBeforeItsDeadlineAndDeadlinesCompareAcrossOverflow() {
        LoopTimers.LoopTimer late = timers.newTimer(() -> { });
        long near = Long.MAX_VALUE - 10;
        timers.add(late, near + 20); // wraps to negative: still 20 ns after near

        assertNull(timers.pollDue(near));
        assertEquals(near + 20, timers.nextDeadline());
        assertEquals(late, timers.pollDue(near + 20));
    }

    @Test
    void cancelOffTheLoopIsRefused() {
        LoopTimers.LoopTimer timer = timers.newTimer(() -> { });
        timers.add(timer, 5);
        onLoop = false;

        assertThrows(IllegalStateException.class, timer::cancel);
        onLoop = true;
        assertTrue(timer.cancel());
        assertFalse(timer.cancel());
    }
}
