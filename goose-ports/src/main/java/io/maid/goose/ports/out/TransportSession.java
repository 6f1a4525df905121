package io.maid.goose.ports.out;

import io.maid.goose.domain.RequestSpec;

/**
 * One virtual user's view of the transport. {@link #send} blocks the calling (virtual) thread until the
 * response has been read fully or the request failed; it never throws for network failures, it reports
 * them in the outcome. {@link #close()} may be called from another thread to abandon a request in flight.
 */
public interface TransportSession extends AutoCloseable {
    RequestOutcome send(RequestSpec request);

    @Override
    void close();
}
