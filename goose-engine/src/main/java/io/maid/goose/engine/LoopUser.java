package io.maid.goose.engine;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.engine.flow.StepRunner;
import io.maid.goose.engine.flow.TransactionPlan;
import io.maid.goose.engine.flow.UserFlow;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link VirtualUser} run as a state machine on one {@link EventLoop}: send, and when the outcome comes
 * back on the loop, record it and either send the next request or set a loop timer for the think time or
 * the pacing gap. Skipped requests (nothing to send) are passed over in a loop, never by recursion.
 * Everything but {@link #stop()}, {@link #abandon()} and {@link #awaitExit} runs on the user's loop thread, so
 * the per-request path takes no lock and hands nothing to another thread; those three post their part to the
 * loop.
 *
 * <p>Durations are measured on the engine's {@link Clock}; waits are relative delays handed to the loop.
 */
final class LoopUser extends VirtualUser {
    private final EventLoop loop;
    private final CountDownLatch left = new CountDownLatch(1);
    // The callbacks are made once, so a request allocates nothing here.
    private final Consumer<RequestOutcome> onOutcome = this::completed;
    private final Runnable afterThinking = this::afterThinking;
    private final Runnable afterPacing = this::afterPacing;
    private final Runnable onStop = this::wakeIfWaiting;
    private final Runnable onAbandon = this::leaveIfWaiting;
    private final Runnable onArrival = this::afterArrival;

    // Loop thread only:
    private LoopSession session;
    private EventLoop.Timer waiting;
    private TransactionPlan current;
    private long started;
    private long nextStart;
    private boolean gone;
    /** Open model: free, waiting for an arrival. */
    private boolean waitingForArrival;

    LoopUser(int index, EventLoop loop, SessionOptions options, Clock clock, UserFlow flow, StepRunner runner,
             UserMeter meter, long paceNanos, Lifecycle lifecycle) {
        super(index, options, clock, flow, runner, meter, paceNanos, lifecycle);
        this.loop = loop;
    }

    @Override
    void start() {
        loop.execute(this::begin);
    }

    @Override
    void stop() {
        super.stop();
        loop.execute(onStop);
    }

    @Override
    Abandoned abandon() {
        Abandoned found = super.abandon();
        if (found == Abandoned.BETWEEN_REQUESTS) {
            loop.execute(onAbandon);
        }
        return found;
    }

    @Override
    void arrived() {
        loop.execute(onArrival);
    }

    @Override
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return left.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void begin() {
        try {
            session = loop.openSession(options);
            sessionOpened(session::close);
            nextStart = clock.monotonicNanos();
            proceed();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    /** Between transactions: runs the next one, passing over skipped ones, until a send, a wait or the end. */
    private void proceed() {
        while (true) {
            // An arrival handed over is always begun, even if a stop came meanwhile.
            TransactionPlan t = isAbandoned() ? null : flow.next(stop.isSignalled() && !hasArrival);
            if (t == null) {
                leave();
                return;
            }
            if (needsArrival()) {
                if (!hasArrival) {
                    waitingForArrival = true;
                    awaitArrival();
                    return;
                }
                beginArrival();
            }
            if (!flow.leaving() && paced()) {
                nextStart = paceSlot(nextStart);
                long wait = nextStart - clock.monotonicNanos();
                if (wait > 0) {
                    current = t;
                    waiting = loop.schedule(wait, afterPacing);
                    return;
                }
            }
            if (run(t)) {
                return;
            }
        }
    }

    /** Sends {@code t}, or skips it; true when something now waits (the outcome, a timer) or the user left. */
    private boolean run(TransactionPlan t) {
        RequestSpec request = runner.prepare(t);
        if (request == null) {
            if (runner.exhausted()) {
                flow.stopSelf();
            }
            long finished = clock.monotonicNanos();
            long pause = flow.after(t, false, true);
            return pause(finished, open != null && flow.atIterationStart() ? 0 : pause);
        }
        transactionInFlight = runner.local(t);
        if (!state.compareAndSet(IDLE, IN_REQUEST)) {
            leave();
            return true;
        }
        current = t;
        started = clock.monotonicNanos();
        nextStart = started + paceNanos;
        session.send(request, runner.options(t), onOutcome);
        return true;
    }

    /** Sets a timer for the pause after a transaction; false when there is none to wait for. */
    private boolean pause(long finished, long pauseNanos) {
        if (pauseNanos <= 0 || stop.isSignalled()) {
            return false;
        }
        long wait = finished + pauseNanos - clock.monotonicNanos();
        if (wait <= 0) {
            return false;
        }
        waiting = loop.schedule(wait, afterThinking);
        return true;
    }

    private void completed(RequestOutcome outcome) {
        try {
            long finished = clock.monotonicNanos();
            if (!state.compareAndSet(IN_REQUEST, IDLE)) {
                leave();
                return;
            }
            TransactionPlan t = current;
            boolean failed = runner.complete(t, outcome, finished - measuredStart(started));
            long pause = flow.after(t, true, failed);
            if (!pause(finished, open != null && flow.atIterationStart() ? 0 : pause)) {
                proceed();
            }
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    /** Open model: an arrival reached the loop; the iteration begins (or the user leaves, if it was told to). */
    private void afterArrival() {
        waitingForArrival = false;
        hasArrival = true;
        try {
            proceed();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterThinking() {
        waiting = null;
        try {
            proceed();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterPacing() {
        waiting = null;
        try {
            // A stop that came while pacing turns the flow to on_stop instead.
            if (stop.isSignalled() || !run(current)) {
                proceed();
            }
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    /** A stop reached the loop: a user waiting on a timer goes on now (to on_stop); one in a request, after it. */
    private void wakeIfWaiting() {
        if (waitingForArrival && withdraw()) {
            waitingForArrival = false;
            try {
                proceed();
            } catch (RuntimeException | Error e) {
                crash(e);
            }
            return;
        }
        EventLoop.Timer timer = waiting;
        if (timer != null && timer.cancel()) {
            waiting = null;
            try {
                proceed();
            } catch (RuntimeException | Error e) {
                crash(e);
            }
        }
    }

    /** An abandon reached the loop: a user waiting on a timer leaves now. */
    private void leaveIfWaiting() {
        if (waitingForArrival && withdraw()) {
            waitingForArrival = false;
            leave();
            return;
        }
        EventLoop.Timer timer = waiting;
        if (timer != null && timer.cancel()) {
            waiting = null;
            leave();
        }
    }

    private void crash(Throwable cause) {
        if (!gone) {
            lifecycle.crashed(this, cause);
        }
        leave();
    }

    private void leave() {
        if (gone) {
            return;
        }
        gone = true;
        depart();
        left.countDown();
    }
}
