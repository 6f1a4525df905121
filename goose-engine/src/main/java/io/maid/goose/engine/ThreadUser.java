package io.maid.goose.engine;

import io.maid.goose.domain.Transaction;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.engine.schedule.TransactionCursor;
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

    ThreadUser(int index, LoadTransport transport, SessionOptions options, Clock clock,
               TransactionCursor cursor, UserMeter meter, long thinkNanos, long paceNanos, Lifecycle lifecycle) {
        super(index, options, clock, cursor, meter, thinkNanos, paceNanos, lifecycle);
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
            while (!stop.isSignalled()) {
                if (paceNanos > 0 && nextStart - clock.monotonicNanos() > 0 && !clock.sleepUntil(nextStart, stop)) {
                    break;
                }
                Transaction transaction = cursor.current();
                transactionInFlight = cursor.index();
                if (!state.compareAndSet(IDLE, IN_REQUEST)) {
                    break;
                }
                long started = clock.monotonicNanos();
                nextStart = started + paceNanos;
                RequestOutcome outcome = session.send(cursor.request());
                long finished = clock.monotonicNanos();
                if (!state.compareAndSet(IN_REQUEST, IDLE)) {
                    break;
                }
                meter().record(cursor.index(), cursor.request(), outcome, finished - started);
                cursor.advance();
                if (thinkNanos > 0 && !clock.sleepUntil(finished + thinkNanos, stop)) {
                    break;
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
