package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.RequestOutcome;

import java.util.function.Consumer;

/**
 * How a {@link LeanLoopSession} hands an outcome to its request's {@code done}: exactly once, on the loop,
 * and never before {@code send} has returned — an outcome reached inside {@code send} itself (a closed
 * session, a refused connect reported at once) waits for a queued task. Whatever {@code done} throws is
 * reported by the loop and stops neither the loop nor the session.
 *
 * <p>Loop thread only.
 */
final class OutcomeDelivery {
    private final LeanEventLoop loop;
    private final Runnable deliverTask = this::deliverDeferred;
    private Consumer<RequestOutcome> done;
    /** An outcome reached inside {@code send}, waiting for {@link #deliverTask}. */
    private RequestOutcome deferred;
    private boolean inSend;

    OutcomeDelivery(LeanEventLoop loop) {
        this.loop = loop;
    }

    /**
     * A request starts; {@code send} is running until {@link #sendReturned()}.
     *
     * @throws IllegalStateException if a request of this session is still in flight
     */
    void accept(Consumer<RequestOutcome> callback) {
        if (done != null) {
            throw new IllegalStateException("a request of this session is still in flight");
        }
        done = callback;
        inSend = true;
    }

    void sendReturned() {
        inSend = false;
    }

    /** Whether a request waits for its outcome, and none has been reached yet. */
    boolean awaiting() {
        return done != null && deferred == null;
    }

    /** Delivers the request's outcome (now, or after {@code send} returned). */
    void complete(RequestOutcome outcome) {
        if (inSend) {
            deferred = outcome;
            loop.submit(deliverTask);
            return;
        }
        Consumer<RequestOutcome> callback = done;
        done = null;
        deliver(callback, outcome);
    }

    private void deliverDeferred() {
        Consumer<RequestOutcome> callback = done;
        RequestOutcome outcome = deferred;
        if (callback == null || outcome == null) {
            return;
        }
        done = null;
        deferred = null;
        deliver(callback, outcome);
    }

    private void deliver(Consumer<RequestOutcome> callback, RequestOutcome outcome) {
        try {
            callback.accept(outcome);
        } catch (RuntimeException | Error e) {
            loop.report(e);
        }
    }
}
