package io.maid.goose.adapter.http.helidon.stream;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket client of the stream: a bounded queue that drops its oldest message when full, and a
 * virtual thread that writes the queue to the socket. {@link #offer} never waits for the socket, so a
 * slow client only ever loses its own messages. The session also reports whether it is stalled: a write
 * blocked, or the queue overflowing without the writer taking anything, for longer than a timeout.
 *
 * <p>Thread-safety: {@link #offer} may be called from any thread; the queue is guarded by one lock held
 * only for queue operations, never across a write.
 */
public final class StreamSession {
    private static final long IDLE = Long.MIN_VALUE;
    private static final System.Logger LOG = System.getLogger(StreamSession.class.getName());

    private final long id;
    private final WsSession ws;
    private final int capacity;
    private final long pingIntervalNanos;
    private final Runnable onGone;
    private final ArrayDeque<String> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile long writingSince = IDLE;
    private volatile long overflowingSince = IDLE;
    private volatile boolean closed;
    private volatile Thread writer;

    /**
     * @param onGone called once when the writer finds the socket gone
     */
    StreamSession(long id, WsSession ws, int capacity, long pingIntervalNanos, Runnable onGone) {
        this.id = id;
        this.ws = ws;
        this.capacity = capacity;
        this.pingIntervalNanos = pingIntervalNanos;
        this.onGone = onGone;
        this.queue = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    long id() {
        return id;
    }

    WsSession ws() {
        return ws;
    }

    void start() {
        writer = Thread.ofVirtual().name("goose-stream-writer-" + id).start(this::writeLoop);
    }

    /** Queues a message; when the queue is full the oldest queued message is dropped and counted. */
    void offer(String message) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped.incrementAndGet();
                if (overflowingSince == IDLE) {
                    overflowingSince = System.nanoTime();
                }
            }
            queue.addLast(message);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True if a write has been blocked, or the queue overflowing, for longer than {@code timeoutNanos}. */
    boolean stalled(long nowNanos, long timeoutNanos) {
        long w = writingSince;
        long o = overflowingSince;
        return (w != IDLE && nowNanos - w > timeoutNanos) || (o != IDLE && nowNanos - o > timeoutNanos);
    }

    boolean isClosed() {
        return closed;
    }

    StreamStats.Session stats() {
        int queued;
        lock.lock();
        try {
            queued = queue.size();
        } finally {
            lock.unlock();
        }
        return new StreamStats.Session(id, queued, capacity, dropped.get(), sent.get(), writingSince != IDLE);
    }

    long dropped() {
        return dropped.get();
    }

    /** Stops the writer; queued messages are discarded. Idempotent. */
    void stop() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a close frame with {@code code} once the writer has finished the message it may be sending (two
     * frames must never interleave). A client that does not take the frame within {@code graceMillis} of
     * the call (a stalled one never reads it, and its blocked write must be freed) has its socket closed
     * outright; one that took it gets another {@code graceMillis} to answer before its socket is closed,
     * since closing it at once could reset the connection under the frame.
     *
     * @return a thread that ends once the close frame is sent, or could not be
     */
    Thread closeWith(int code, String reason, long graceMillis) {
        stop();
        Thread closer = Thread.ofVirtual().name("goose-stream-closer-" + id).start(() -> {
            try {
                Thread w = writer;
                if (w != null) {
                    w.join(Math.max(1, graceMillis));
                }
                ws.close(code, reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "stream session " + id + ": close frame not sent: " + e);
            }
        });
        Thread.ofVirtual().name("goose-stream-reaper-" + id).start(() -> {
            try {
                closer.join(graceMillis);
                if (!closer.isAlive()) {
                    Thread.sleep(graceMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeSocket();
        });
        return closer;
    }

    private void closeSocket() {
        try {
            if (ws.socketContext() instanceof ConnectionContext cc) {
                cc.serverSocket().close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stream session " + id + ": socket close failed: " + e);
        }
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                String next = take();
                if (next == null) {
                    if (closed) {
                        return;
                    }
                    // nothing to say for a while: a ping keeps the idle-connection reaper away and finds dead peers
                    writingSince = System.nanoTime();
                    ws.ping(BufferData.create("goose".getBytes(StandardCharsets.US_ASCII)));
                    writingSince = IDLE;
                    continue;
                }
                writingSince = System.nanoTime();
                ws.send(next, true);
                writingSince = IDLE;
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "stream session " + id + " lost its socket: " + e);
            }
        } finally {
            writingSince = IDLE;
            if (!closed) {
                stop();
                onGone.run();
            }
        }
    }

    /** The next message, or null after the ping interval passed with none, or when closed. */
    private String take() throws InterruptedException {
        lock.lock();
        try {
            long waitNanos = pingIntervalNanos;
            while (queue.isEmpty() && !closed) {
                if (waitNanos <= 0) {
                    return null;
                }
                waitNanos = notEmpty.awaitNanos(waitNanos);
            }
            if (closed) {
                return null;
            }
            String next = queue.pollFirst();
            // the writer is taking again, so the queue is not overflowing any more
            overflowingSince = IDLE;
            return next;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "stream session " + id;
    }
}
