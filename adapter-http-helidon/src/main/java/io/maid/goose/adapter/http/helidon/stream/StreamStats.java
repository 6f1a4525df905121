package io.maid.goose.adapter.http.helidon.stream;

import java.util.List;

/**
 * A snapshot of the WebSocket stream's clients, for operators and tests.
 *
 * @param sessions       clients connected now
 * @param droppedTotal   messages dropped because a client's queue was full, over the server's life
 * @param stalledClosed  clients disconnected for staying stalled, over the server's life
 * @param perSession     each connected client
 */
public record StreamStats(int sessions, long droppedTotal, long stalledClosed, List<Session> perSession) {
    public StreamStats {
        perSession = List.copyOf(perSession);
    }

    /**
     * One client.
     *
     * @param id       the session's number, in order of connection
     * @param queued   messages waiting to be written
     * @param capacity the most messages it may queue
     * @param dropped  messages dropped for it so far
     * @param sent     messages written to it so far
     * @param writing  whether a write to it is in progress (long-running means the client is not reading)
     */
    public record Session(long id, int queued, int capacity, long dropped, long sent, boolean writing) {
    }
}
