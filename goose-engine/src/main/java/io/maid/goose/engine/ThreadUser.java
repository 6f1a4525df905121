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
import io.maid.goose.ports.out.TransportSession;

import java.time.Duration;

/**
 * A {@link VirtualUser} on a virtual thread of its own ({@code goose-user-<index>}), with a blocking
 * {@link TransportSession}; waits (think time, pacing) go through the {@link Clock}.
 */
final class ThreadUser extends VirtualUser implements Runnable {
    private final LoadTransport transport;
    private Thread thread;

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
            while (!isAbandoned() && (t = flow.next(stop.isSignalled())) != null) {
                // A wait cut short by a stop goes round again: the flow then turns to on_stop (or ends).
                if (!flow.leaving() && paceNanos > 0 && nextStart - clock.monotonicNanos() > 0
                        && !clock.sleepUntil(nextStart, stop)) {
                    continue;
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
                    failed = runner.complete(t, outcome, finished - started);
                }
                long pause = flow.after(t, request != null, failed);
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
