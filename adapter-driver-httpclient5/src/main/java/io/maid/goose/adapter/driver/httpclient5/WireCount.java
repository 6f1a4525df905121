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

    static WireCount of(HttpContext context) {
        return context.getAttribute(ATTRIBUTE) instanceof WireCount count ? count : null;
    }

    long sent() {
        return sent;
    }

    long received() {
        return received;
    }

    /**
     * Starts measuring one exchange on a connection whose cumulative counters are {@code metrics}; the
     * returned exchange adds its delta here when finished.
     */
    Exchange begin(HttpConnectionMetrics metrics) {
        return new Exchange(metrics);
    }

    /** One request/response on one connection. {@link #finish()} is idempotent. */
    final class Exchange {
        private final HttpConnectionMetrics metrics;
        private final long sentBefore;
        private final long receivedBefore;
        private boolean finished;

        private Exchange(HttpConnectionMetrics metrics) {
            this.metrics = metrics;
            this.sentBefore = metrics == null ? 0 : metrics.getSentBytesCount();
            this.receivedBefore = metrics == null ? 0 : metrics.getReceivedBytesCount();
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
            if (metrics != null) {
                sent += Math.max(0, metrics.getSentBytesCount() - sentBefore);
                received += Math.max(0, metrics.getReceivedBytesCount() - receivedBefore);
            }
        }
    }
}
