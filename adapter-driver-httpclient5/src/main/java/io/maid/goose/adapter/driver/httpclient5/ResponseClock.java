package io.maid.goose.adapter.driver.httpclient5;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds each whole response of one send — from writing the request to the last body byte, for every
 * redirect hop — by the request timeout: when it runs out the request is cancelled, which makes HttpClient
 * shut its connection, so a read that keeps getting bytes ends too. HttpClient's own response timeout only
 * bounds each wait between bytes.
 *
 * <p>Made per send; started and stopped on the sending thread, fired on the transport's timer thread.
 */
final class ResponseClock {
    static final String ATTRIBUTE = ResponseClock.class.getName();

    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final Cancellable request;
    private ScheduledFuture<?> pending;
    private volatile boolean expired;

    ResponseClock(ScheduledExecutorService timer, long timeoutNanos, Cancellable request) {
        this.timer = timer;
        this.timeoutNanos = timeoutNanos;
        this.request = request;
    }

    static ResponseClock of(HttpContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof ResponseClock clock ? clock : null;
    }

    /** A request starts to be written: its response has the timeout from now. */
    void start() {
        stop();
        pending = timer.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The response ended (read to its end, or broken off). */
    void stop() {
        ScheduledFuture<?> running = pending;
        if (running != null) {
            running.cancel(false);
            pending = null;
        }
    }

    /** Whether the timeout ran out and cancelled the request. */
    boolean expired() {
        return expired;
    }

    long timeoutMillis() {
        return timeoutNanos / 1_000_000;
    }

    private void expire() {
        expired = true;
        request.cancel();
    }
}
