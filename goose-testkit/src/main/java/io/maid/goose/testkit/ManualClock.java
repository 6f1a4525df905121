package io.maid.goose.testkit;

import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Clock} that moves only when a test tells it to, so ramp-up, think time, phase lengths and
 * latencies become exact and repeatable.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Monotonic time starts at 0 and changes only through {@link #advance} / {@link #advanceNanos};
 *       wall time is the start instant plus monotonic time, so both move together.</li>
 *   <li>Every thread blocked in {@link #sleepUntil} whose deadline is reached by an advance is woken by
 *       that advance; a thread whose {@link StopSignal} fires is woken at once (without polling) and
 *       returns {@code false}.</li>
 *   <li>{@link #sleepers()} counts the threads blocked in {@code sleepUntil} that nothing has woken
 *       yet, so a test can wait until every user is parked before it advances time.</li>
 *   <li>{@link #signalledSleepers()} lists, in order, the names of sleeping threads woken by their stop
 *       signal, which lets a test observe the order in which the engine told users to stop.</li>
 * </ul>
 * Thread-safe.
 */
public final class ManualClock implements Clock {
    /** The default start: a fixed instant, so timestamps in test output are stable. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final Instant wallOrigin;
    private final Lock lock = new ReentrantLock();
    private final Condition timeMovedOrSignalled = lock.newCondition();
    private final List<String> signalledSleepers = new ArrayList<>();
    private final List<Sleeper> sleepers = new ArrayList<>();
    private volatile long nanos;

    /** A thread blocked in sleepUntil, and what would wake it. */
    private record Sleeper(String thread, long deadlineNanos, StopSignal wakeUp) {
        boolean asleepAt(long now) {
            return deadlineNanos > now && !wakeUp.isSignalled();
        }
    }

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.wallOrigin = start;
    }

    @Override
    public Instant wallTime() {
        return wallOrigin.plusNanos(nanos);
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }

    /** Moves time forward by {@code amount} and wakes every sleeper whose deadline is reached. */
    public void advance(Duration amount) {
        advanceNanos(amount.toNanos());
    }

    /** Moves time forward by {@code amountNanos} (at least 0) and wakes every sleeper whose deadline is reached. */
    public void advanceNanos(long amountNanos) {
        if (amountNanos < 0) {
            throw new IllegalArgumentException("time only moves forward; amountNanos was " + amountNanos);
        }
        lock.lock();
        try {
            nanos += amountNanos;
            timeMovedOrSignalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward to {@code monotonicNanos} if it is still ahead; never moves it back. */
    public void advanceTo(long monotonicNanos) {
        lock.lock();
        try {
            if (monotonicNanos > nanos) {
                nanos = monotonicNanos;
                timeMovedOrSignalled.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of threads blocked in {@link #sleepUntil} that nothing has woken yet: a sleeper stops
     * counting the moment an advance reaches its deadline or its signal fires, not when its thread gets
     * round to running, so "all N users are parked" cannot be mistaken for a state about to change.
     */
    public int sleepers() {
        lock.lock();
        try {
            int n = 0;
            for (Sleeper s : sleepers) {
                if (s.asleepAt(nanos)) {
                    n++;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Names of the threads {@link #sleepers()} counts, for diagnostics. */
    public List<String> sleeperNames() {
        lock.lock();
        try {
            List<String> names = new ArrayList<>();
            for (Sleeper s : sleepers) {
                if (s.asleepAt(nanos)) {
                    names.add(s.thread());
                }
            }
            return names;
        } finally {
            lock.unlock();
        }
    }

    /** Names of the threads woken from {@code sleepUntil} by their stop signal, in the order the signals fired. */
    public List<String> signalledSleepers() {
        lock.lock();
        try {
            return List.copyOf(signalledSleepers);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean sleepUntil(long deadlineNanos, StopSignal wakeUp) throws InterruptedException {
        if (nanos >= deadlineNanos) {
            return true;
        }
        String sleeper = Thread.currentThread().getName();
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable onSignal = () -> {
            lock.lock();
            try {
                // Both this listener and the sleeper itself may list the sleeper; it is listed once.
                if (recorded.compareAndSet(false, true)) {
                    signalledSleepers.add(sleeper);
                }
                timeMovedOrSignalled.signalAll();
            } finally {
                lock.unlock();
            }
        };
        wakeUp.onSignal(onSignal);
        Sleeper me = new Sleeper(sleeper, deadlineNanos, wakeUp);
        try {
            lock.lock();
            sleepers.add(me);
            try {
                while (true) {
                    if (nanos >= deadlineNanos) {
                        return true;
                    }
                    if (wakeUp.isSignalled()) {
                        // The signal's flag is set before its listeners run, so this thread may see it (after
                        // another sleeper's signalAll) and leave before its own listener has run; listing it
                        // here, before the listener is removed, keeps the list in signal order.
                        if (recorded.compareAndSet(false, true)) {
                            signalledSleepers.add(sleeper);
                        }
                        return false;
                    }
                    timeMovedOrSignalled.await();
                }
            } finally {
                sleepers.remove(me);
                lock.unlock();
            }
        } finally {
            wakeUp.removeListener(onSignal);
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + Duration.ofNanos(nanos) + "]";
    }
}
