package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.support.http.IdleConnections;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One blocking connection of a {@link LeanSession}: a {@link SocketChannel} in blocking mode, spoken through
 * its socket's streams, or through TLS over it. The channel is kept so that an idle connection can be checked
 * for a close without blocking ({@link #unusableWhileIdle}); on a virtual thread the channel is non-blocking
 * underneath already, so the check is one read system call.
 *
 * <p>Used by the session's thread; {@link #close()} and {@link #timedOut} also by the transport's watchdog and
 * by a closing thread.
 */
final class BlockingConnection {
    final SocketChannel channel;
    final Socket raw;
    final InputStream in;
    final OutputStream out;
    private final Socket socket;
    boolean reusable = true;
    /** Set by the watchdog before it closes the connection for a response timeout. */
    volatile boolean timedOut;
    /** {@link System#nanoTime()} when its last exchange ended. */
    long idleSince;
    /** How long its TLS handshake took, in nanoseconds; -1 for a plain connection. */
    final long handshakeNanos;

    private BlockingConnection(SocketChannel channel, Socket socket, long handshakeNanos) throws IOException {
        this.channel = channel;
        this.handshakeNanos = handshakeNanos;
        this.raw = channel.socket();
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code to} (and shakes hands when {@code tls} is given), both within {@code timeoutMillis}.
     *
     * @param publish told the plain socket before the connect starts, so a close from another thread ends it
     * @throws Failures.Classified for any failure, classified ({@link ErrorKind#ABANDONED} once {@code closed}
     *                             says so)
     */
    static BlockingConnection open(Origin to, TlsSetup tls, int timeoutMillis, Consumer<Socket> publish,
                                   java.util.function.BooleanSupplier closed) throws Failures.Classified {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            throw new Failures.Classified(ErrorKind.IO_ERROR, "cannot open a socket: " + Failures.describe(e));
        }
        Socket raw = channel.socket();
        publish.accept(raw);
        try {
            if (closed.getAsBoolean()) {
                throw new Failures.Classified(ErrorKind.ABANDONED, "the session was closed");
            }
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(to.host(), to.port()), timeoutMillis);
            Socket socket = raw;
            long handshake = -1;
            if (tls != null) {
                raw.setSoTimeout(timeoutMillis); // the handshake's reads; once per connection, so cheap enough
                SSLSocket secure = tls.layer(raw, to.host(), to.port());
                long started = System.nanoTime();
                secure.startHandshake();
                handshake = System.nanoTime() - started;
                raw.setSoTimeout(0);
                socket = secure;
            }
            return new BlockingConnection(channel, socket, handshake);
        } catch (Failures.Classified e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            ErrorKind kind = closed.getAsBoolean() ? ErrorKind.ABANDONED : Failures.whileConnecting(e);
            throw new Failures.Classified(kind, Failures.connectDetail(kind, e, to));
        }
    }

    /**
     * Whether the server closed the idle connection, or sent bytes nobody asked for
     * ({@link IdleConnections#unusable}).
     */
    boolean unusableWhileIdle(ByteBuffer scratch) {
        return IdleConnections.unusable(channel, scratch);
    }

    void close() {
        closeQuietly(socket);
        closeQuietly(raw);
    }

    static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort: the socket is abandoned either way
            }
        }
    }
}
