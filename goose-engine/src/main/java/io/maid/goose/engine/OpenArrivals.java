package io.maid.goose.engine;

import io.maid.goose.domain.LogLevel;
import io.maid.goose.engine.shape.ArrivalSchedule;
import org.HdrHistogram.ConcurrentHistogram;

import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open model (k6's ramping-arrival-rate), driven on the controller thread. At each arrival the
 * {@link ArrivalSchedule} sets, whatever the response times, one iteration starts: on the free user that
 * became free last (so the pool stays as small as the load allows), else on a new user while the pool is
 * below {@code max_users}, else the arrival is <b>dropped and counted</b> ({@link #dropped()}), never queued.
 * Every arrival is one or the other, so arrivals = started + dropped exactly. A user is free between
 * iterations: it calls {@link #free} and waits; the arrival hands it its intended start, from which the
 * iteration's first request is measured.
 *
 * <p>A throughput cap is one pace shared by every user ({@link #claimSlot}): each request takes the next free
 * slot, {@code 1 / cap} s apart, so the run's request rate stays under the cap however many users there are.
 *
 * <p>Each stage enters its phase at its start (rate rising: increase, flat: maintain, falling: decrease).
 * {@link #free} and {@link #claimSlot} are called from users' threads and loops; the rest from the controller.
 */
final class OpenArrivals {
    private final ArrivalSchedule schedule;
    private final int preAllocatedUsers;
    private final int maxUsers;
    private final PlanDriving driving;
    private final ConcurrentLinkedDeque<VirtualUser> free = new ConcurrentLinkedDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final long paceNanos;
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private UserPool pool;
    private UserFactory users;
    private final AtomicLong started = new AtomicLong();
    /** How late iterations began: actual start minus intended, µs (1 µs .. 1 h, 3 digits), from users' threads. */
    private final ConcurrentHistogram lateness = new ConcurrentHistogram(1, 3_600_000_000L, 3);

    OpenArrivals(ArrivalSchedule schedule, int preAllocatedUsers, int maxUsers, Double throughputCapRps,
                 PlanDriving driving) {
        this.schedule = schedule;
        this.preAllocatedUsers = preAllocatedUsers;
        this.maxUsers = maxUsers;
        this.paceNanos = throughputCapRps == null ? 0 : Math.max(1, Math.round(1e9 / throughputCapRps));
        this.driving = driving;
    }

    /** The pool and the factory the users come from (they are made after this object, which they refer to). */
    void users(UserPool userPool, UserFactory factory) {
        this.pool = userPool;
        this.users = factory;
    }

    /** Arrivals dropped so far because no user was free and the pool was full; any thread. */
    long dropped() {
        return dropped.get();
    }

    /** Arrivals that started an iteration so far; any thread. */
    long started() {
        return started.get();
    }

    /** An iteration began {@code lateNanos} after its arrival's intended start (a user's thread or loop). */
    void began(long lateNanos) {
        lateness.recordValue(Math.min(3_600_000_000L, Math.max(1, lateNanos / 1000)));
    }

    /** A user is free and waits for an arrival (its own thread or loop). */
    void free(VirtualUser user) {
        free.push(user);
    }

    boolean paced() {
        return paceNanos > 0;
    }

    /** The start of the next request under the cap: the next slot {@code 1 / cap} apart, never before {@code now}. */
    long claimSlot(long now) {
        while (true) {
            long next = nextSlot.get();
            long slot = next == Long.MIN_VALUE || next - now < 0 ? now : next;
            if (nextSlot.compareAndSet(next, slot + paceNanos)) {
                return slot;
            }
        }
    }

    /** @return true if the plan ran to its end without a stop request or the hard deadline */
    boolean run() throws InterruptedException {
        for (int i = 0; i < preAllocatedUsers; i++) {
            launch(VirtualUser.NOT_SET);
        }
        int stage = 0;
        long next = schedule.next();
        while (true) {
            boolean last = stage == schedule.stageCount() - 1;
            long boundary = schedule.stageEndNanos(stage);
            long offset = next >= 0 && (last || next < boundary) ? next : boundary;
            if (!driving.waitFor(offset, stage)) {
                dropOverdue(next);
                return false;
            }
            if (offset == next) {
                dispatch(driving.timetable().at(next));
                next = schedule.next();
            } else if (!last) {
                enter(++stage);
            } else {
                break;
            }
        }
        driving.log(dropped.get() == 0 ? LogLevel.INFO : LogLevel.WARN, String.format(Locale.ROOT,
                "arrivals done: %d planned, %d started, %d dropped (no free user; %d users in the pool, at most %d);"
                        + " start lateness (actual minus intended start) p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                started.get() + dropped.get(), started.get(), dropped.get(), pool.launched(), maxUsers,
                lateness.getValueAtPercentile(50) / 1000.0, lateness.getValueAtPercentile(99) / 1000.0,
                lateness.getMaxValue() / 1000.0));
        return !driving.stop().isSignalled();
    }

    /**
     * The plan was cut short (a stop, or the hard deadline with the controller behind the clock): the arrivals
     * that were already due from {@code next} on had no user start them, so they are dropped, keeping
     * arrivals = started + dropped for every arrival due by the end. Arrivals not yet due were never made.
     */
    private void dropOverdue(long next) {
        long elapsed = driving.clock().monotonicNanos() - driving.timetable().startNanos();
        long overdue = 0;
        for (long due = next; due >= 0 && due <= elapsed; due = schedule.next()) {
            overdue++;
        }
        dropped.addAndGet(overdue);
    }

    private void dispatch(long intendedNanos) {
        VirtualUser user;
        while ((user = free.pollFirst()) != null) {
            if (user.offerArrival(intendedNanos)) {
                started.incrementAndGet();
                return;
            }
        }
        if (pool.launched() < maxUsers) {
            launch(intendedNanos);
            started.incrementAndGet();
            return;
        }
        dropped.incrementAndGet();
    }

    private void launch(long firstArrivalNanos) {
        VirtualUser user = users.make(pool.launched());
        user.joinOpenModel(this, firstArrivalNanos);
        pool.launch(user);
    }

    /** Enters {@code stage}; the controller enters stage 0 as the run begins. */
    void enter(int stage) {
        long startNanos = stage == 0 ? 0 : schedule.stageEndNanos(stage - 1);
        driving.enter(stage, schedule.phaseOf(stage), String.format(Locale.ROOT,
                "stage %d of %d: %s → %s arrivals/s over %s s", stage, schedule.stageCount(),
                RunMessages.number(schedule.rateAt(startNanos)), RunMessages.number(schedule.rateAt(schedule.stageEndNanos(stage))),
                RunMessages.seconds(schedule.stageEndNanos(stage) - startNanos)));
    }
}
