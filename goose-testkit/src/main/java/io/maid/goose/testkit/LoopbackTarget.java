package io.maid.goose.testkit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lean HTTP/1.1 target on 127.0.0.1, port 0, for real-time engine tests and benchmarks: every connection is
 * kept alive on a virtual thread of its own, and every request is answered {@code 200 ok} after a fixed
 * latency (the target's own pacing). It counts the requests it read, so a test can hold the engine's count
 * to the target's. Far cheaper per request than {@code com.sun.net.httpserver}, so that at thousands of
 * requests a second the target is not what is measured.
 */
public final class LoopbackTarget implements AutoCloseable {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    private final RawTarget target;
    private final LongAdder heldNanos = new LongAdder();
    private final LongAdder answered = new LongAdder();

    private LoopbackTarget(Duration latency) throws IOException {
        this.target = new RawTarget(c -> {
            while (c.readRequest() != null) {
                long read = System.nanoTime();
                if (!latency.isZero()) {
                    c.pause(latency);
                }
                c.write(OK);
                heldNanos.add(System.nanoTime() - read);
                answered.increment();
            }
        }, false);
    }

    /**
     * How long the target held a request on average, from reading it to having written the answer, ms: its
     * latency as it really was (a busy machine wakes the pause late), 0 before the first answer.
     */
    public double meanHeldMillis() {
        long n = answered.sum();
        return n == 0 ? 0 : heldNanos.sum() / 1e6 / n;
    }

    /** Answers every request after {@code latency} (zero: at once). */
    public static LoopbackTarget answeringAfter(Duration latency) throws IOException {
        return new LoopbackTarget(latency);
    }

    public URI baseUrl() {
        return target.base();
    }

    /** Requests read so far: the target's own count. */
    public long requestsReceived() {
        return target.requests.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return target.connections.get();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
