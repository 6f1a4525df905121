package io.maid.goose.engine;

import io.maid.goose.domain.Transaction;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.engine.schedule.TransactionCursor;
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
 * the pacing gap. Everything but {@link #stop()}, {@link #abandon()} and {@link #awaitExit} runs on the
 * user's loop thread, so the per-request path takes no lock and hands nothing to another thread; those
 * three post their part to the loop.
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
    private final Runnable onStop = this::leaveIfWaiting;

    // Loop thread only:
    private LoopSession session;
    private EventLoop.Timer waiting;
    private Transaction transaction;
    private long started;
    private long nextStart;
    private boolean gone;

    LoopUser(int index, EventLoop loop, SessionOptions options, Clock clock, TransactionCursor cursor, UserMeter meter,
             long thinkNanos, long paceNanos, Lifecycle lifecycle) {
        super(index, options, clock, cursor, meter, thinkNanos, paceNanos, lifecycle);
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
            loop.execute(onStop);
        }
        return found;
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
            next();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    /** Between transactions: wait out the pacing gap if there is one, else send. */
    private void next() {
        if (stop.isSignalled()) {
            leave();
            return;
        }
        if (paceNanos > 0) {
            long wait = nextStart - clock.monotonicNanos();
            if (wait > 0) {
                waiting = loop.schedule(wait, afterPacing);
                return;
            }
        }
        send();
    }

    private void send() {
        if (stop.isSignalled()) {
            leave();
            return;
        }
        transaction = cursor.current();
        transactionInFlight = cursor.index();
        if (!state.compareAndSet(IDLE, IN_REQUEST)) {
            leave();
            return;
        }
        started = clock.monotonicNanos();
        nextStart = started + paceNanos;
        session.send(cursor.request(), onOutcome);
    }

    private void completed(RequestOutcome outcome) {
        try {
            long finished = clock.monotonicNanos();
            if (!state.compareAndSet(IN_REQUEST, IDLE)) {
                leave();
                return;
            }
            meter().record(cursor.index(), cursor.request(), outcome, finished - started);
            cursor.advance();
            if (thinkNanos > 0) {
                if (stop.isSignalled()) {
                    leave();
                    return;
                }
                long wait = finished + thinkNanos - clock.monotonicNanos();
                if (wait > 0) {
                    waiting = loop.schedule(wait, afterThinking);
                    return;
                }
            }
            next();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterThinking() {
        waiting = null;
        try {
            next();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    private void afterPacing() {
        waiting = null;
        try {
            send();
        } catch (RuntimeException | Error e) {
            crash(e);
        }
    }

    /** A stop or abandon reached the loop: a user waiting on a timer leaves now; one in a request, after it. */
    private void leaveIfWaiting() {
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
