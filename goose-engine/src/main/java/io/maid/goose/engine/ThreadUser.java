package io.maid.goose.engine;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.engine.flow.StepRunner;
import io.maid.goose.engine.flow.TransactionPlan;
import io.maid.goose.engine.flow.UserFlow;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.StopSignal;
import io.maid.goose.ports.out.TransportSession;

import java.time.Duration;

/**
 * A {@link VirtualUser} on a virtual thread of its own ({@code goose-user-<index>}), with a blocking
 * {@link TransportSession}; waits (think time, pacing) go through the {@link Clock}.
 */
final class ThreadUser extends VirtualUser implements Runnable {
    private final LoadTransport transport;
    private Thread thread;
    /** Open model: what wakes the user waiting for an arrival (or told to stop meanwhile). */
    private volatile StopSignal wake;

    ThreadUser(int index, LoadTransport transport, SessionOptions options, Clock clock, UserFlow flow, StepRunner runner,
               UserMeter meter, long paceNanos, Lifecycle lifecycle) {
        super(index, options, clock, flow, runner, meter, paceNanos, lifecycle);
        this.transport = transport;
    }

    @Override
    void start() {
        thread = Thread.ofVirtual().name("goose-user-" + index()).start(this);
    }

    @Override
    void stop() {
        super.stop();
        wakeUp();
    }

    @Override
    Abandoned abandon() {
        Abandoned found = super.abandon();
        wakeUp();
        return found;
    }

    @Override
    void arrived() {
        wakeUp();
    }

    private void wakeUp() {
        StopSignal w = wake;
        if (w != null) {
            w.signal();
        }
    }

    /**
     * Open model: waits, free, for an arrival; false when the user was told to stop (or abandoned) first.
     * The wait has no deadline of its own: an arrival, a stop or an abandon ends it.
     */
    private boolean arrival() throws InterruptedException {
        StopSignal signal = new StopSignal();
        wake = signal;
        awaitArrival();
        while (!signal.isSignalled() && !stop.isSignalled() && !isAbandoned()) {
            clock.sleepUntil(clock.monotonicNanos() + RunTimetable.NEVER, signal);
        }
        wake = null;
        if (withdraw()) {
            return false;
        }
        hasArrival = true;
        return true;
    }

    @Override
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return thread == null || thread.join(timeout);
    }

    @Override
    public void run() {
        try {
            TransportSession session = transport.openSession(options);
            sessionOpened(session::close);
            long nextStart = clock.monotonicNanos();
            TransactionPlan t;
            // An arrival handed over is always begun, even if a stop came meanwhile.
            while (!isAbandoned() && (t = flow.next(stop.isSignalled() && !hasArrival)) != null) {
                if (needsArrival()) {
                    if (!hasArrival && !arrival()) {
                        continue;
                    }
                    beginArrival();
                }
                // A wait cut short by a stop goes round again: the flow then turns to on_stop (or ends).
                if (!flow.leaving() && paced()) {
                    nextStart = paceSlot(nextStart);
                    if (nextStart - clock.monotonicNanos() > 0 && !clock.sleepUntil(nextStart, stop)) {
                        continue;
                    }
                }
                RequestSpec request = runner.prepare(t);
                long finished;
                boolean failed = true;
                if (request == null) {
                    if (runner.exhausted()) {
                        flow.stopSelf();
                    }
                    finished = clock.monotonicNanos();
                } else {
                    transactionInFlight = runner.local(t);
                    if (!state.compareAndSet(IDLE, IN_REQUEST)) {
                        break;
                    }
                    long started = clock.monotonicNanos();
                    nextStart = started + paceNanos;
                    RequestOutcome outcome = session.send(request, runner.options(t));
                    finished = clock.monotonicNanos();
                    if (!state.compareAndSet(IN_REQUEST, IDLE)) {
                        break;
                    }
                    failed = runner.complete(t, outcome, finished - measuredStart(started));
                }
                long pause = flow.after(t, request != null, failed);
                if (open != null && flow.atIterationStart()) {
                    pause = 0;
                }
                if (pause > 0 && !stop.isSignalled()) {
                    clock.sleepUntil(finished + pause, stop);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            lifecycle.crashed(this, e);
        } finally {
            depart();
        }
    }
}
