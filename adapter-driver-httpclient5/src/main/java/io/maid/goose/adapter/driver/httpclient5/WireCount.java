package io.maid.goose.adapter.driver.httpclient5;

import org.apache.hc.core5.http.HttpConnectionMetrics;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The bytes one {@code send} moved, summed over its exchanges (more than one when redirects are followed).
 *
 * <p>Confined to the sending thread: HttpClient's classic I/O runs on the caller's thread, and the session
 * creates one of these per send.
 */
final class WireCount {
    static final String ATTRIBUTE = WireCount.class.getName();

    private long sent;
    private long received;
    private boolean lastReused;
    private long lastReceived;

    static WireCount of(HttpContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof WireCount count ? count : null;
    }

    long sent() {
        return sent;
    }

    long received() {
        return received;
    }

    /** Whether the last exchange ran on a connection that had served a response before. */
    boolean lastReused() {
        return lastReused;
    }

    /** The bytes the last exchange received (so far, if it broke off). */
    long lastReceived() {
        return lastReceived;
    }

    /**
     * Starts measuring one exchange on a connection whose cumulative counters are {@code metrics}; the
     * returned exchange adds its delta here when finished, and stops {@code clock} (may be null) then.
     */
    Exchange begin(HttpConnectionMetrics metrics, ResponseClock clock) {
        return new Exchange(metrics, clock);
    }

    /** One request/response on one connection. {@link #finish()} is idempotent. */
    final class Exchange {
        private final HttpConnectionMetrics metrics;
        private final long sentBefore;
        private final long receivedBefore;
        private final ResponseClock clock;
        private boolean finished;

        private Exchange(HttpConnectionMetrics metrics, ResponseClock clock) {
            this.metrics = metrics;
            this.clock = clock;
            this.sentBefore = metrics == null ? 0 : metrics.getSentBytesCount();
            this.receivedBefore = metrics == null ? 0 : metrics.getReceivedBytesCount();
            lastReused = metrics != null && metrics.getResponseCount() > 0;
            lastReceived = 0;
        }

        /**
         * Adds the bytes this exchange moved, once it is over (read to the end, or broken off). Must run before
         * the connection goes back to the pool, where another user's request would move the same counters.
         */
        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (clock != null) {
                clock.stop();
            }
            if (metrics != null) {
                sent += Math.max(0, metrics.getSentBytesCount() - sentBefore);
                lastReceived = Math.max(0, metrics.getReceivedBytesCount() - receivedBefore);
                received += lastReceived;
            }
        }
    }
}
