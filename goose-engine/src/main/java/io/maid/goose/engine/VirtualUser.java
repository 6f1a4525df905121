package io.maid.goose.engine;

import io.maid.goose.engine.flow.StepRunner;
import io.maid.goose.engine.flow.UserFlow;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.StopSignal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated user: opens its own transport session, runs its scenario's flow ({@link UserFlow}: on_start,
 * then the iteration over and over with think time after each transaction and pacing when a throughput cap
 * is set, then on_stop) until told to stop, then closes the session. What one transaction does (feeder row,
 * render, send options, judging the outcome) is the {@link StepRunner}'s, shared by both kinds. How it runs
 * is the subclass's business: {@link ThreadUser} on a virtual thread of its own with a blocking session,
 * {@link LoopUser} as a state machine on one of an event-loop transport's loops. Both behave the same.
 *
 * <p>Stopping: {@link #stop()} is noticed between transactions, never in the middle of a request; a user
 * that is thinking or pacing wakes at once and runs its on_stop transactions, back to back, then leaves.
 *
 * <p>Abandoning: at the end of the shutdown grace the engine calls {@link #abandon()}. A user still in a
 * request has its session closed under it and that request is counted by the engine as abandoned; the
 * user discards whatever the transport eventually returns, so the request is never counted twice. A user
 * between requests is barred from sending another and leaves on its own. The state machine
 * (idle ⇄ in request → abandoned/done) is the only thing the engine and the user both write, and each
 * transition is a single compare-and-set, so exactly one side decides the fate of a request in flight.
 */
abstract sealed class VirtualUser permits ThreadUser, LoopUser {
    /** What {@link #abandon()} found. */
    enum Abandoned { IN_REQUEST, BETWEEN_REQUESTS, ALREADY_GONE }

    /** How the user reports back to its run. */
    interface Lifecycle {
        /** The user is about to end, whatever the reason. */
        void exited(VirtualUser user);

        /** Something the user cannot handle happened (the transport threw); the run should fail. */
        void crashed(VirtualUser user, Throwable cause);
    }

    private static final Logger LOG = System.getLogger(VirtualUser.class.getName());
    static final int IDLE = 0;
    static final int IN_REQUEST = 1;
    static final int ABANDONED = 2;
    static final int DONE = 3;

    private final int index;
    private final UserMeter meter;
    final SessionOptions options;
    final Clock clock;
    final UserFlow flow;
    final StepRunner runner;
    final long paceNanos;
    final Lifecycle lifecycle;
    final StopSignal stop = new StopSignal();
    final AtomicInteger state = new AtomicInteger(IDLE);
    private final AtomicBoolean sessionClosed = new AtomicBoolean();
    /** Closes the user's session; null until the session is open. */
    private volatile Runnable sessionCloser;
    volatile int transactionInFlight;
    private volatile boolean exited;
    /** Open model: the run's arrivals and shared pacing; null in a closed plan. Set before {@link #start()}. */
    OpenArrivals open;
    private final AtomicBoolean awaitingArrival = new AtomicBoolean();
    private volatile long arrivalNanos;
    /** Open model, own thread or loop only: an arrival was handed over and its iteration has not begun. */
    boolean hasArrival;
    /** Whether the arrival in hand was the one this user was made for (so it may still have to run on_start). */
    boolean firstArrival;
    /** Own thread or loop only: the next request sent is measured from here (the arrival's intended start). */
    long measureFrom = NOT_SET;
    static final long NOT_SET = Long.MIN_VALUE;

    VirtualUser(int index, SessionOptions options, Clock clock, UserFlow flow, StepRunner runner, UserMeter meter,
                long paceNanos, Lifecycle lifecycle) {
        this.index = index;
        this.options = options;
        this.clock = clock;
        this.flow = flow;
        this.runner = runner;
        this.meter = meter;
        this.paceNanos = paceNanos;
        this.lifecycle = lifecycle;
    }

    int index() {
        return index;
    }

    UserMeter meter() {
        return meter;
    }

    /** Makes this user part of an open plan; {@code firstArrivalNanos} is the arrival it was made for, if any. */
    final void joinOpenModel(OpenArrivals arrivals, long firstArrivalNanos) {
        this.open = arrivals;
        if (firstArrivalNanos != NOT_SET) {
            arrivalNanos = firstArrivalNanos;
            hasArrival = true;
            firstArrival = true;
        }
    }

    /**
     * Dispatcher: hands the arrival due at {@code intendedNanos} to this user if it is still waiting for one.
     *
     * @return false if it stopped waiting (it was told to stop) before the arrival reached it
     */
    final boolean offerArrival(long intendedNanos) {
        arrivalNanos = intendedNanos;
        if (awaitingArrival.compareAndSet(true, false)) {
            arrived();
            return true;
        }
        return false;
    }

    /** The subclass wakes the user that waits for an arrival; called by the dispatcher. */
    abstract void arrived();

    /** Own thread or loop: the user is free and waits for an arrival. */
    final void awaitArrival() {
        awaitingArrival.set(true);
        open.free(this);
    }

    /**
     * Own thread or loop: the user stops waiting (it was told to stop or abandoned).
     *
     * @return true if no arrival was handed over meanwhile; false if one was, which {@link #arrived()} delivers
     */
    final boolean withdraw() {
        return awaitingArrival.compareAndSet(true, false);
    }

    /**
     * Own thread or loop, at the start of an iteration in the open model: takes the arrival in hand and
     * measures the iteration's first request from its intended start (from now, for a user that was made for
     * it and first ran its on_start: that wait is no lateness of the target's).
     */
    final void beginArrival() {
        hasArrival = false;
        long now = clock.monotonicNanos();
        long intended = arrivalNanos;
        open.began(now - intended);
        measureFrom = firstArrival && flow.hasBegun() && now - intended > 0 ? now : intended;
        firstArrival = false;
    }

    /** The start a request sent at {@code sentNanos} is measured from, consuming {@link #measureFrom}. */
    final long measuredStart(long sentNanos) {
        long from = measureFrom;
        measureFrom = NOT_SET;
        return from == NOT_SET || sentNanos - from < 0 ? sentNanos : from;
    }

    /** The earliest start of the next request under a throughput cap: the user's own pace, or the run's shared one. */
    final long paceSlot(long nextStart) {
        return open != null && open.paced() ? open.claimSlot(clock.monotonicNanos()) : nextStart;
    }

    /** Whether requests wait for a throughput cap. */
    final boolean paced() {
        return paceNanos > 0 || (open != null && open.paced());
    }

    /** Whether the user, at the start of an iteration in the open model, must first have an arrival. */
    final boolean needsArrival() {
        return open != null && !flow.leaving() && flow.atIterationStart();
    }

    /** Whether the engine abandoned the user: it must send nothing more, on_stop included. */
    final boolean isAbandoned() {
        return state.get() == ABANDONED;
    }

    /** Whether a request of this user is in flight right now (any thread; a volatile read). */
    boolean inRequest() {
        return state.get() == IN_REQUEST;
    }

    boolean hasExited() {
        return exited;
    }

    /** Starts the user; called once, by the run controller. */
    abstract void start();

    /** Asks the user to leave after its current request (at once, through on_stop, if it is thinking). */
    void stop() {
        stop.signal();
    }

    /** Waits up to {@code timeout} (real time) for the user to have left; true if it did. */
    abstract boolean awaitExit(Duration timeout) throws InterruptedException;

    /**
     * Closes the user's session once, from any thread (a request in flight then ends); does nothing before
     * the session is open or after it was closed.
     */
    final void closeSession() {
        Runnable closer = sessionCloser;
        if (closer != null && sessionClosed.compareAndSet(false, true)) {
            closer.run();
        }
    }

    /**
     * The user leaves: no request of it can be in flight any more, its session is closed (a failure to close
     * is logged) and its run is told. Called once, by the subclass, on the user's own thread or loop.
     */
    final void depart() {
        state.set(DONE);
        try {
            closeSession();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the session of user " + index + " failed", e);
        }
        exited = true;
        lifecycle.exited(this);
    }

    /** The subclass opened its session; {@code closer} closes it (at most once, from any thread). */
    final void sessionOpened(Runnable closer) {
        sessionCloser = closer;
    }

    /** The run-wide slot of the request in flight, meaningful after {@link #abandon()} returned IN_REQUEST. */
    int slotInFlight() {
        return meter.counters().slotBase() + transactionInFlight;
    }

    /** Ends the user's part in the run at once; see the class comment. */
    Abandoned abandon() {
        while (true) {
            int s = state.get();
            if (s == DONE || s == ABANDONED) {
                return Abandoned.ALREADY_GONE;
            }
            if (state.compareAndSet(s, ABANDONED)) {
                if (s == IN_REQUEST) {
                    closeSession();
                    return Abandoned.IN_REQUEST;
                }
                return Abandoned.BETWEEN_REQUESTS;
            }
        }
    }
}
