package io.maid.goose.ports.out;

import io.maid.goose.domain.RequestSpec;

import java.util.function.Consumer;

/**
 * One virtual user's connection(s) and cookies on an {@link EventLoop}: the non-blocking twin of
 * {@link TransportSession}, with the same behaviour request for request (connection reuse, cookies,
 * redirects, timeouts, classified failures, byte counts, what is kept of a request and captured of its
 * response).
 */
public interface LoopSession extends AutoCloseable {
    /**
     * Starts sending {@code request}; call on the session's loop thread only, with at most one request in
     * flight per session. {@code done} is called exactly once with the outcome, on the loop's thread and
     * never before {@code send} has returned. Network failures are reported in the outcome, never thrown.
     *
     * <p>{@code options} say whether the same request object will be sent again and what of the response to
     * capture, as for {@link TransportSession#send(RequestSpec, SendOptions)}.
     *
     * @throws IllegalStateException if a request of this session is still in flight
     */
    void send(RequestSpec request, SendOptions options, Consumer<RequestOutcome> done);

    /** {@link #send(RequestSpec, SendOptions, Consumer)} of a reusable request, capturing nothing. */
    default void send(RequestSpec request, Consumer<RequestOutcome> done) {
        send(request, SendOptions.STATIC, done);
    }

    /**
     * Closes the session from any thread. A request in flight ends at once and its {@code done} is called
     * with {@link io.maid.goose.domain.ErrorKind#ABANDONED}; requests sent afterwards fail the same way.
     */
    @Override
    void close();
}
