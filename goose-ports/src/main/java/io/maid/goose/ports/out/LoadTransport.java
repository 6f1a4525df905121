package io.maid.goose.ports.out;

/**
 * Sends load. One {@link TransportSession} per virtual user holds that user's connection(s) and cookie
 * store, so users never share cookies.
 *
 * <p>Implementations are thread-safe; each session is used by one virtual thread at a time.
 */
public interface LoadTransport extends AutoCloseable {
    TransportSession openSession(SessionOptions options);

    /** Releases shared resources (pools, selectors). Sessions must be closed first. */
    @Override
    default void close() {
    }
}
