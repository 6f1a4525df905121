package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.ports.out.RequestOutcome;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;

/**
 * Times each TLS handshake HttpClient makes, for the send that made it. The connection operator calls
 * {@link #upgrade} on the sending thread, with the send's own context, once a new connection's TCP connect has
 * finished: the delegate layers TLS over the socket, shakes hands and checks the certificate and host name, and
 * returns only when the connection is ready for the request. That interval, and only a successful one, goes
 * into the context's {@link Handshakes}. A kept-alive connection taken from the pool is never upgraded again,
 * so a request that reuses one reports no handshake.
 */
final class TimedTlsStrategy implements TlsSocketStrategy {
    private final TlsSocketStrategy delegate;

    TimedTlsStrategy(TlsSocketStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        long started = System.nanoTime();
        SSLSocket upgraded = delegate.upgrade(socket, target, port, attachment, context);
        long took = System.nanoTime() - started;
        Handshakes handshakes = context == null ? null : Handshakes.of(context);
        if (handshakes != null) {
            handshakes.add(took);
        }
        return upgraded;
    }

    /**
     * The handshakes of one send's exchanges (a followed redirect to another origin may open a second TLS
     * connection), summed. Confined to the sending thread, as {@link WireCount} is.
     */
    static final class Handshakes {
        static final String ATTRIBUTE = Handshakes.class.getName();

        private long nanos = RequestOutcome.NO_HANDSHAKE;

        static Handshakes of(HttpContext context) {
            return context.getAttribute(ATTRIBUTE) instanceof Handshakes h ? h : null;
        }

        void add(long took) {
            nanos = (nanos < 0 ? 0 : nanos) + Math.max(0, took);
        }

        /** The sum, or {@link RequestOutcome#NO_HANDSHAKE} when the send opened no TLS connection. */
        long nanos() {
            return nanos;
        }
    }
}
