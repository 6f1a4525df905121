package io.maid.goose.engine;

import io.maid.goose.domain.Transaction;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.engine.schedule.TransactionCursor;
import io.maid.goose.port.out.Clock;
import io.maid.goose.port.out.LoadTransport;
import io.maid.goose.port.out.RequestOutcome;
import io.maid.goose.port.out.SessionOptions;
import io.maid.goose.port.out.StopSignal;
import io.maid.goose.port.out.TransportSession;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated user, run on its own virtual thread: opens its own transport session, loops over its
 * scenario's transactions (think time after each, pacing when a throughput cap is set) until told to
 * stop, then closes the session.
 *
 * <p>Stopping: {@link #stop()} is noticed between transactions, never in the middle of a request; a user
 * that is thinking or pacing wakes and leaves at once.
 *
 * <p>Abandoning: at the end of the shutdown grace the engine calls {@link #abandon()}. A user still in a
 * request has its session closed under it and that request is counted by the engine as abandoned; the
 * user discards whatever the transport eventually returns, so the request is never counted twice. A user
 * between requests is barred from sending another and leaves on its own. The state machine
 * (idle ⇄ in request → abandoned/done) is the only thing the engine and the user both write, and each
 * transition is a single compare-and-set, so exactly one side decides the fate of a request in flight.
 */
final class VirtualUser implements Runnable {
    /** What {@link #abandon()} found. */
    enum Abandoned { IN_REQUEST, BETWEEN_REQUESTS, ALREADY_GONE }

    /** How the user reports back to its run. */
    interface Lifecycle {
        /** The user's thread is about to end, whatever the reason. */
        void exited(VirtualUser user);

        /** Something the user cannot handle happened (the transport threw); the run should fail. */
        void crashed(VirtualUser user, Throwable cause);
    }

    private static final Logger LOG = System.getLogger(VirtualUser.class.getName());
    private static final int IDLE = 0;
    private static final int IN_REQUEST = 1;
    private static final int ABANDONED = 2;
    private static final int DONE = 3;

    private final int index;
    private final LoadTransport transport;
    private final SessionOptions options;
    private final Clock clock;
    private final TransactionCursor cursor;
    private final UserMeter meter;
    private final long thinkNanos;
    private final long paceNanos;
    private final Lifecycle lifecycle;
    private final StopSignal stop = new StopSignal();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final AtomicBoolean sessionClosed = new AtomicBoolean();
    private volatile TransportSession session;
    private volatile int transactionInFlight;
    private volatile boolean exited;

    VirtualUser(int index, LoadTransport transport, SessionOptions options, Clock clock,
                TransactionCursor cursor, UserMeter meter, long thinkNanos, long paceNanos, Lifecycle lifecycle) {
        this.index = index;
        this.transport = transport;
        this.options = options;
        this.clock = clock;
        this.cursor = cursor;
        this.meter = meter;
        this.thinkNanos = thinkNanos;
        this.paceNanos = paceNanos;
        this.lifecycle = lifecycle;
    }

    int index() {
        return index;
    }

    UserMeter meter() {
        return meter;
    }

    boolean hasExited() {
        return exited;
    }

    /** Asks the user to leave after its current request (at once if it is thinking). */
    void stop() {
        stop.signal();
    }

    /** The run-wide slot of the request in flight, meaningful after {@link #abandon()} returned IN_REQUEST. */
    int slotInFlight() {
        return meter.counters().slotBase() + transactionInFlight;
    }

    @Override
    public void run() {
        try {
            session = transport.openSession(options);
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
                RequestOutcome outcome = session.send(transaction.request());
                long finished = clock.monotonicNanos();
                if (!state.compareAndSet(IN_REQUEST, IDLE)) {
                    break;
                }
                meter.record(cursor.index(), transaction.request(), outcome, finished - started);
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
            state.set(DONE);
            try {
                closeSession();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the session of user " + index + " failed", e);
            }
            exited = true;
            lifecycle.exited(this);
        }
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

    private void closeSession() {
        TransportSession s = session;
        if (s != null && sessionClosed.compareAndSet(false, true)) {
            s.close();
        }
    }
}
