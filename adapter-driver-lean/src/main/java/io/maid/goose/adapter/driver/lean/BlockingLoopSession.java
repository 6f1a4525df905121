package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.TransportSession;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The blocking API over a {@link LeanLoopSession}: {@link #send} hands the request to the session's loop and
 * parks the calling thread until the loop reports the outcome, so a thread-per-user caller gets the
 * event-loop code path with {@link TransportSession}'s behaviour. {@link #close()} from another thread
 * abandons a send in progress; interrupting the sending thread does the same (and the interrupt is kept).
 *
 * <p>Per send: one queued task and one unpark, both through fields made once, so nothing is allocated beyond
 * the outcome itself. Used by one thread at a time, as {@link TransportSession}s are.
 */
final class BlockingLoopSession implements TransportSession {
    private final LeanEventLoop loop;
    private final LeanLoopSession session;
    private final Runnable sendTask = this::sendOnLoop;
    private final Consumer<RequestOutcome> onDone = this::completed;
    /** Written before the send task is queued, read by the loop after it is taken: the queue orders them. */
    private RequestSpec pending;
    private SendOptions pendingOptions;
    private volatile Thread waiter;
    private volatile RequestOutcome result;
    private volatile boolean closed;

    BlockingLoopSession(LeanEventLoop loop, LeanLoopSession session) {
        this.loop = loop;
        this.session = session;
    }

    @Override
    public RequestOutcome send(RequestSpec request, SendOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        if (loop.inLoop()) {
            throw new IllegalStateException("a blocking send on its own loop's thread would never return");
        }
        if (closed) {
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the session is closed");
        }
        pending = request;
        pendingOptions = options;
        result = null;
        waiter = Thread.currentThread();
        if (!loop.submit(sendTask)) {
            pending = null;
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the transport is closed");
        }
        boolean interrupted = false;
        RequestOutcome outcome;
        while ((outcome = result) == null) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                session.close();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        pending = null; // nothing of a request is kept once its send returned
        return outcome;
    }

    @Override
    public void close() {
        closed = true;
        session.close();
    }

    private void sendOnLoop() {
        try {
            session.send(pending, pendingOptions, onDone);
        } catch (IllegalStateException e) {
            // two threads sending on one session at once: answer this one rather than leave it parked forever
            completed(RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0, e.getMessage()));
        }
    }

    private void completed(RequestOutcome outcome) {
        result = outcome;
        LockSupport.unpark(waiter);
    }
}
