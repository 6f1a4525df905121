package io.maid.goose.ports.out;

import io.maid.goose.domain.RequestSpec;

/**
 * One virtual user's view of the transport. {@link #send} blocks the calling (virtual) thread until the
 * response has been read fully or the request failed; it never throws for network failures, it reports
 * them in the outcome. {@link #close()} may be called from another thread to abandon a request in flight.
 */
public interface TransportSession extends AutoCloseable {
    /** A reusable request, nothing captured. */
    RequestOutcome send(RequestSpec request);

    /**
     * Sends {@code request} and blocks until its outcome is known.
     *
     * @param options whether the request will be sent again as the same object, and what of the response to
     *                capture (see {@link SendOptions})
     */
    default RequestOutcome send(RequestSpec request, SendOptions options) {
        // MIGRATION (flows): every transport overrides this; the default only serves sends that capture nothing.
        if (options.captures()) {
            throw new IllegalStateException(getClass().getName() + " cannot capture responses yet");
        }
        return send(request);
    }

    @Override
    void close();
}
