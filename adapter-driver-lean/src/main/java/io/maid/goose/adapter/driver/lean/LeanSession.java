package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * One virtual user's connection, cookies and buffers; see {@link LeanTransport} for the guarantees.
 *
 * <p>Threading: {@link #send} is called by the owning user thread only. {@link #close()} may come from any
 * thread: it closes the plain sockets under the user, which ends a blocked connect, write or read at once.
 * The transport's watchdog calls {@link #expireIfOverdue} the same way for response timeouts.
 * The sockets are published through volatile fields before they are used and {@code closed} is checked
 * after publishing, so a close racing with a connect always ends that connect.
 *
 * <p>Also the TLS codec of {@link LeanLoopTransport}: an event-loop session runs its TLS requests, and its
 * redirect hops to TLS origins ({@link #sendHop}), through one of these on a virtual thread.
 */
final class LeanSession implements TransportSession {
    private final LeanTransport owner;
    private final SessionRequests requests;
    private final Origin origin;
    private final TlsSpec tls;
    private final int timeoutMillis;
    private final CookieJar cookies;
    private final ResponseDeadline deadline;
    private final ResponseParser parser = new ResponseParser();
    private byte[] scratch;
    private ByteBuffer scratchView;

    private Connection primary;
    private volatile Connection exchanging;
    private volatile Socket primarySocket;
    private volatile Socket detourSocket;
    private volatile boolean closed;

    private long sent;
    private long received;

    LeanSession(LeanTransport owner, RequestEncoder encoder, TlsSpec tls, int timeoutMillis, CookieJar cookies) {
        this.owner = owner;
        this.requests = new SessionRequests(encoder);
        this.origin = encoder.origin();
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.cookies = cookies;
        this.deadline = new ResponseDeadline(timeoutMillis * 1_000_000L);
    }

    @Override
    public RequestOutcome send(RequestSpec spec) {
        sent = 0;
        received = 0;
        if (closed) {
            return RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0, "the session is closed");
        }
        try {
            EncodedRequest request = requests.get(spec);
            int status = sendPrimary(request, spec.allowRedirects());
            if (spec.allowRedirects() && RedirectChain.isRedirect(status)) {
                status = followRedirects(request, spec, status);
            }
            return RequestOutcome.response(status, sent, received);
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * One redirect hop of an event-loop session to another origin (a TLS one: the loop speaks plain HTTP
     * only), on a connection of its own closed afterwards, classified as {@link #send} classifies. Blocking.
     * The hop's {@code Location}, when it has one, is then {@link #location()}.
     */
    RequestOutcome sendHop(Origin to, EncodedRequest hop) {
        sent = 0;
        received = 0;
        if (closed) {
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the session was closed");
        }
        try {
            return RequestOutcome.response(sendDetour(to, hop), sent, received);
        } catch (IOException | RuntimeException e) {
            return failed(e);
        }
    }

    /** The {@code Location} of the last response read, when it was asked for and present; else null. */
    String location() {
        return parser.location();
    }

    private RequestOutcome failed(Exception e) {
        if (e instanceof Failures.Classified classified) {
            return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : classified.kind(), sent, received, e.getMessage());
        }
        closePrimary();
        ErrorKind kind = e instanceof IOException io ? Failures.whileExchanging(io) : ErrorKind.IO_ERROR;
        return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : kind, sent, received, Failures.describe(e));
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(primarySocket);
        closeQuietly(detourSocket);
        owner.forget(this);
    }

    /**
     * Called by the transport's watchdog: when this session has waited longer than its timeout for response
     * bytes, closes the connection under it, so the blocked read fails and is reported as a response timeout.
     */
    void expireIfOverdue(long nowNanos) {
        if (deadline.hasExpired(nowNanos)) {
            Connection connection = exchanging;
            if (connection != null && !connection.timedOut) {
                connection.timedOut = true;
                closeQuietly(connection.raw);
            }
        }
    }

    long timeoutNanos() {
        return deadline.timeoutNanos();
    }

    /**
     * One exchange on the kept-alive connection to the base URL's origin, connecting first when there is none.
     *
     * <p>A kept-alive connection may have been closed by the server while it was idle, and that is only seen
     * when the request is written or its answer read. Such a request is sent once more, on a fresh
     * connection, when — and only when — the connection had already served a response and not one byte of
     * this request's response arrived: the server then never answered it, and in the case this rule is for
     * (an idle connection closed before the request reached the server) it never counted it either. A server
     * that reads a request and then closes without answering would see it twice; that is the price of not
     * reporting spurious resets after every idle timeout, and it is bounded to one extra attempt.
     */
    private int sendPrimary(EncodedRequest request, boolean wantLocation) throws IOException {
        boolean retried = false;
        while (true) {
            Connection connection = primary;
            boolean reused = connection != null;
            if (!reused) {
                connection = connect(origin, false);
                primary = connection;
            }
            long receivedBefore = received;
            try {
                int status = exchange(connection, request, origin, wantLocation);
                if (!connection.reusable) {
                    closePrimary();
                }
                return status;
            } catch (IOException e) {
                closePrimary();
                if (reused && !retried && !closed && received == receivedBefore && Failures.closedUnderUs(e)) {
                    retried = true;
                    continue;
                }
                throw e;
            }
        }
    }

    /** One exchange on a connection of its own, closed afterwards: a redirect to another origin. */
    private int sendDetour(Origin to, EncodedRequest request) throws IOException {
        Connection connection = connect(to, true);
        try {
            return exchange(connection, request, to, true);
        } finally {
            detourSocket = null;
            connection.close();
        }
    }

    private int exchange(Connection connection, EncodedRequest request, Origin to, boolean wantLocation) throws IOException {
        if (exchanging != connection) {
            exchanging = connection;
        }
        int status;
        deadline.arm();
        try {
            write(connection.out, request, to);
            try {
                status = parser.read(connection.in, deadline, request.headRequest(), wantLocation);
            } finally {
                received += parser.received();
            }
        } catch (IOException e) {
            if (connection.timedOut) {
                throw new Failures.Classified(ErrorKind.RESPONSE_TIMEOUT,
                        "no response bytes arrived for " + deadline.timeoutNanos() / 1_000_000 + " ms");
            }
            throw e;
        } finally {
            deadline.disarm();
        }
        cookies.store(parser.setCookies(), to, request.cookiePath());
        connection.reusable = parser.keepAlive() && !request.closeAfter() && !connection.timedOut;
        return status;
    }

    private void write(OutputStream out, EncodedRequest request, Origin to) throws IOException {
        byte[] bytes = request.bytes();
        byte[] cookieLine = cookies.isEmpty() ? null : cookies.header(to, request.cookiePath());
        if (cookieLine == null) {
            out.write(bytes);
            sent += bytes.length;
            return;
        }
        int length = request.wireLength(cookieLine);
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 256)];
            scratchView = ByteBuffer.wrap(scratch);
        }
        scratchView.clear();
        request.put(scratchView, cookieLine, 0);
        out.write(scratch, 0, length);
        sent += length;
    }

    private int followRedirects(EncodedRequest first, RequestSpec spec, int status) throws IOException {
        RedirectChain chain = new RedirectChain(origin, first, spec);
        while (RedirectChain.isRedirect(status) && parser.location() != null) {
            EncodedRequest hop = chain.next(status, parser.location());
            status = chain.sameOrigin() ? sendPrimary(hop, true) : sendDetour(chain.to(), hop);
        }
        return status;
    }

    private Connection connect(Origin to, boolean detour) throws IOException {
        TlsSetup tlsSetup = null;
        if (to.secure()) {
            tlsSetup = owner.tlsSetup(tls);
            if (tlsSetup.error() != null) {
                throw new Failures.Classified(ErrorKind.PROTOCOL_ERROR, tlsSetup.error());
            }
        }
        Socket raw = new Socket();
        if (detour) {
            detourSocket = raw;
        } else {
            primarySocket = raw;
        }
        try {
            if (closed) {
                throw new Failures.Classified(ErrorKind.ABANDONED, "the session was closed");
            }
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(to.host(), to.port()), timeoutMillis);
            Socket socket = raw;
            if (tlsSetup != null) {
                raw.setSoTimeout(timeoutMillis); // the handshake's reads; once per connection, so cheap enough
                SSLSocket secure = tlsSetup.layer(raw, to.host(), to.port());
                secure.startHandshake();
                raw.setSoTimeout(0);
                socket = secure;
            }
            return new Connection(raw, socket, socket.getInputStream(), socket.getOutputStream());
        } catch (Failures.Classified e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            throw new Failures.Classified(closed ? ErrorKind.ABANDONED : Failures.whileConnecting(e), Failures.describe(e));
        }
    }

    private void closePrimary() {
        Connection connection = primary;
        primary = null;
        primarySocket = null;
        if (connection != null) {
            connection.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort: the socket is abandoned either way
            }
        }
    }

    /** An open connection: the plain socket, the socket spoken on (the same, or TLS over it), and its streams. */
    private static final class Connection {
        final Socket raw;
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean reusable = true;
        /** Set by the watchdog before it closes the connection for a response timeout. */
        volatile boolean timedOut;

        Connection(Socket raw, Socket socket, InputStream in, OutputStream out) {
            this.raw = raw;
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        void close() {
            closeQuietly(socket);
            closeQuietly(raw);
        }
    }
}
