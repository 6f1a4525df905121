package io.maid.goose.ports.out;

import io.maid.goose.domain.RequestSpec;

/**
 * One virtual user's view of the transport. {@link #send(RequestSpec, SendOptions)} blocks the calling
 * (virtual) thread until the response has been read fully or the request failed; it never throws for network
 * failures, it reports them in the outcome. {@link #close()} may be called from another thread to abandon a
 * request in flight.
 */
public interface TransportSession extends AutoCloseable {
    /**
     * Sends {@code request} and blocks until its outcome is known.
     *
     * <p>{@code options} say whether the same request object will be sent again (then the transport may keep
     * what it encoded for it, by identity; otherwise it keeps nothing of it once the send is over) and what of
     * the response to capture: the outcome's {@link RequestOutcome#response()} is null unless something was
     * asked for and a response arrived (see {@link SendOptions}).
     */
    RequestOutcome send(RequestSpec request, SendOptions options);

    /** {@link #send(RequestSpec, SendOptions)} of a reusable request, capturing nothing ({@link SendOptions#STATIC}). */
    default RequestOutcome send(RequestSpec request) {
        return send(request, SendOptions.STATIC);
    }

    @Override
    void close();
}
