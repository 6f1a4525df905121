package io.maid.goose.ports.out;

import java.util.List;

/**
 * A {@link LoadTransport} that can also run users without a thread each: it owns a few event loops, and a
 * {@link LoopSession} sends a request and later reports its outcome by callback on its loop's thread. The
 * engine then runs each user as a small state machine on one loop (send, record, think, send again), so a
 * request costs no thread hand-off at all — the point of this role is throughput per CPU.
 *
 * <p>It remains a complete {@link LoadTransport}: {@link #openSession} gives a blocking session with the
 * same behaviour, for callers that want one thread per user.
 *
 * <p>Time: loop timers run on the transport's own monotonic time ({@link System#nanoTime()} for real
 * transports); fakes for tests may run on a manual clock instead, which is why the engine only ever hands
 * loops relative delays.
 *
 * <p>Thread-safe.
 */
public interface EventLoopTransport extends LoadTransport {
    /**
     * The transport's event loops, started on the first call; the same loops, in the same order, for the
     * transport's whole life. Never empty. After {@link #close()} the loops stop running tasks.
     */
    List<EventLoop> eventLoops();
}
