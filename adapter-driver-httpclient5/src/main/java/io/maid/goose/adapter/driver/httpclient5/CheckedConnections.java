package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.support.http.IdleConnections;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

import java.io.IOException;
import java.net.Proxy;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's connections, made the way a load tester needs them:
 * <ul>
 *   <li><b>A strict status line.</b> HttpClient's default parser skips lines that are not a status line as
 *       garbage and goes on waiting, so {@code HTTP/1.1 OK} ended as a response timeout; HttpCore's own
 *       parser refuses it at once, as the protocol error it is.</li>
 *   <li><b>A stale check that never waits.</b> The pool validates a connection that sat idle before it lends
 *       it out again; HttpCore's check waits up to a millisecond for a byte on a healthy connection, which a
 *       load test would measure. These connections sit on a {@link SocketChannel}, so the check is one read
 *       that returns at once: the server closed the connection (or sent bytes nobody asked for) or not.</li>
 * </ul>
 * The sockets are blocking-mode channels spoken through their socket adaptors, so everything else (timeouts,
 * TLS over them, closing them from another thread) behaves as with plain sockets.
 */
final class CheckedConnections {
    private static final AtomicLong IDS = new AtomicLong();

    private CheckedConnections() {
    }

    /** Plain sockets that sit on a channel; a proxied socket is a plain {@link Socket}, checked the usual way. */
    static final DetachedSocketFactory SOCKETS = proxy -> proxy == null || proxy.type() == Proxy.Type.DIRECT
            ? SocketChannel.open().socket() : new Socket(proxy);

    /** Connections with the strict parser and the non-blocking stale check. */
    static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
        Checked connection = new Checked("goose-hc5-" + IDS.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    };

    private static final class Checked extends DefaultManagedHttpClientConnection {
        private final ByteBuffer probe = ByteBuffer.allocate(64);

        Checked(String id) {
            super(id, null, null, Http1Config.DEFAULT, null, null, null,
                    new DefaultHttpResponseParserFactory(Http1Config.DEFAULT));
        }

        @Override
        public boolean isStale() throws IOException {
            if (!isOpen()) {
                return true;
            }
            SocketHolder holder = getSocketHolder();
            SocketChannel channel = holder == null ? null : holder.getBaseSocket().getChannel();
            if (channel == null) {
                return super.isStale();
            }
            return IdleConnections.unusable(channel, probe);
        }
    }
}
