package io.maid.goose.engine;

import io.maid.goose.domain.LogLevel;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.ports.out.StopSignal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The run's virtual users: starts each (on a virtual thread of its own, or on an event loop), counts
 * the live ones, and signals {@link #allExited()} once launching is over and the last user has left. When
 * every user has been launched and all of them have left on their own before that (their data ran out),
 * it tells {@code onAllLeft}, once, so the run can end.
 *
 * <p>Only the run controller launches; any thread may read. Users are stored in a pre-sized array and
 * published by a volatile count, so readers (the metrics ticker) iterate without locks.
 */
final class UserPool implements VirtualUser.Lifecycle {
    private static final Logger LOG = System.getLogger(UserPool.class.getName());
    /** How long (real time) to wait for a user that is between requests to leave once abandoned. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);
    private final VirtualUser[] users;
    private final AtomicInteger live = new AtomicInteger();
    private final StopSignal allExited = new StopSignal();
    private final BiConsumer<VirtualUser, Throwable> onCrash;
    private final Runnable onAllLeft;
    private volatile int launched;
    private volatile boolean launchingOver;

    UserPool(int capacity, BiConsumer<VirtualUser, Throwable> onCrash) {
        this(capacity, onCrash, () -> { });
    }

    UserPool(int capacity, BiConsumer<VirtualUser, Throwable> onCrash, Runnable onAllLeft) {
        this.users = new VirtualUser[capacity];
        this.onCrash = onCrash;
        this.onAllLeft = onAllLeft;
    }

    /** Starts {@code user}; controller thread only. */
    void launch(VirtualUser user) {
        int n = launched;
        users[n] = user;
        live.incrementAndGet();
        launched = n + 1;
        user.start();
    }

    int launched() {
        return launched;
    }

    /** Users launched and not yet exited. */
    int live() {
        return live.get();
    }

    /** Users in a request right now (the rest of {@link #live()} are thinking, pacing or leaving). */
    int inRequest() {
        int n = launched;
        int busy = 0;
        for (int i = 0; i < n; i++) {
            if (users[i].inRequest()) {
                busy++;
            }
        }
        return busy;
    }

    /** No more users will be launched; from now on the last one to leave signals {@link #allExited()}. */
    void launchingOver() {
        launchingOver = true;
        if (live.get() == 0) {
            allExited.signal();
        }
    }

    StopSignal allExited() {
        return allExited;
    }

    /** The launched users, most recently launched first. */
    List<VirtualUser> newestFirst() {
        int n = launched;
        List<VirtualUser> out = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            out.add(users[i]);
        }
        return out;
    }

    /** Waits up to {@code timeout} (real time) for {@code user} to have left; true if it did. */
    boolean join(VirtualUser user, Duration timeout) throws InterruptedException {
        return user.awaitExit(timeout);
    }

    /** Every launched user's counters, for the aggregator. */
    Iterable<UserCounters> counters() {
        int n = launched;
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public UserCounters next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return users[i++].meter().counters();
            }
        };
    }

    /**
     * Ends every user still alive: the slot of each request still in flight is added to {@code abandonedSlots}
     * (the request is abandoned, its session closed), and the users between requests are given
     * {@link #LEAVE_TIMEOUT} in all (real time) to leave; controller thread only.
     */
    void abandonAll(List<Integer> abandonedSlots, double graceSeconds, BiConsumer<LogLevel, String> log) {
        List<VirtualUser> leaving = new ArrayList<>();
        for (VirtualUser user : newestFirst()) {
            try {
                switch (user.abandon()) {
                    case IN_REQUEST -> abandonedSlots.add(user.slotInFlight());
                    case BETWEEN_REQUESTS -> leaving.add(user);
                    case ALREADY_GONE -> { }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the session of abandoned user " + user.index() + " failed", e);
            }
        }
        if (!abandonedSlots.isEmpty()) {
            log.accept(LogLevel.WARN, abandonedSlots.size() + " requests were still in flight after the "
                    + RunMessages.number(graceSeconds) + " s grace; abandoned them (their sessions are closed)");
        }
        // One bound for all of them: the run must end even if every leaving user is stuck.
        long leaveBy = System.nanoTime() + LEAVE_TIMEOUT.toNanos();
        for (VirtualUser user : leaving) {
            try {
                if (!join(user, Duration.ofNanos(Math.max(0, leaveBy - System.nanoTime())))) {
                    log.accept(LogLevel.WARN, "user " + user.index() + " did not leave within " + LEAVE_TIMEOUT.toSeconds()
                            + " s after it was abandoned between requests; left it behind");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void exited(VirtualUser user) {
        if (live.decrementAndGet() == 0) {
            if (launchingOver) {
                allExited.signal();
            } else if (launched == users.length) {
                onAllLeft.run();
            }
        }
    }

    @Override
    public void crashed(VirtualUser user, Throwable cause) {
        onCrash.accept(user, cause);
    }
}
