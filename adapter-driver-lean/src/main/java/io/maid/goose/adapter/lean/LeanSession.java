package io.maid.goose.adapter.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.port.out.RequestOutcome;
import io.maid.goose.port.out.TransportSession;

import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;

/**
 * One virtual user's connection, cookies and buffers; see {@link LeanTransport} for the guarantees.
 *
 * <p>Threading: {@link #send} is called by the owning user thread only. {@link #close()} may come from any
 * thread: it closes the plain sockets under the user, which ends a blocked connect, write or read at once.
 * The transport's watchdog calls {@link #expireIfOverdue} the same way for response timeouts.
 * The sockets are published through volatile fields before they are used and {@code closed} is checked
 * after publishing, so a close racing with a connect always ends that connect.
 */
final class LeanSession implements TransportSession {
    static final int MAX_REDIRECTS = 10;

    private final LeanTransport owner;
    private final RequestEncoder encoder;
    private final Origin origin;
    private final TlsSpec tls;
    private final int timeoutMillis;
    private final CookieJar cookies;
    private final ResponseDeadline deadline;
    private final ResponseReader reader = new ResponseReader();
    private final IdentityHashMap<RequestSpec, EncodedRequest> encoded = new IdentityHashMap<>(4);
    private RequestSpec lastSpec;
    private EncodedRequest lastEncoded;
    private byte[] scratch;

    private Connection primary;
    private volatile Connection exchanging;
    private volatile Socket primarySocket;
    private volatile Socket detourSocket;
    private volatile boolean closed;

    private long sent;
    private long received;

    LeanSession(LeanTransport owner, RequestEncoder encoder, TlsSpec tls, int timeoutMillis, CookieJar cookies) {
        this.owner = owner;
        this.encoder = encoder;
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
            EncodedRequest request = encoded(spec);
            int status = sendPrimary(request, spec.allowRedirects());
            if (spec.allowRedirects() && isRedirect(status)) {
                status = followRedirects(request, spec, status);
            }
            return RequestOutcome.response(status, sent, received);
        } catch (Failures.Classified e) {
            return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : e.kind(), sent, received, e.getMessage());
        } catch (IOException e) {
            closePrimary();
            return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : Failures.whileExchanging(e), sent, received,
                    Failures.describe(e));
        } catch (RuntimeException e) {
            closePrimary();
            return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : ErrorKind.IO_ERROR, sent, received,
                    Failures.describe(e));
        }
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

    private EncodedRequest encoded(RequestSpec spec) {
        if (spec == lastSpec) {
            return lastEncoded;
        }
        EncodedRequest request = encoded.get(spec);
        if (request == null) {
            request = encoder.encode(spec);
            encoded.put(spec, request);
        }
        lastSpec = spec;
        lastEncoded = request;
        return request;
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
                if (reused && !retried && !closed && received == receivedBefore && closedUnderUs(e)) {
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
            reader.attach(connection.in, deadline);
            try {
                status = reader.read(request.headRequest(), wantLocation);
            } finally {
                received += reader.received();
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
        cookies.store(reader.setCookies(), to, request.cookiePath());
        connection.reusable = reader.keepAlive() && !request.closeAfter() && !connection.timedOut;
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
        int length = bytes.length + cookieLine.length;
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 256)];
        }
        int headEnd = request.headEnd();
        System.arraycopy(bytes, 0, scratch, 0, headEnd);
        System.arraycopy(cookieLine, 0, scratch, headEnd, cookieLine.length);
        System.arraycopy(bytes, headEnd, scratch, headEnd + cookieLine.length, bytes.length - headEnd);
        out.write(scratch, 0, length);
        sent += length;
    }

    private int followRedirects(EncodedRequest first, RequestSpec spec, int status) throws IOException {
        URI current = URI.create(origin.url() + first.target());
        String method = first.method();
        byte[] body = spec.body() == null ? null : spec.body().getBytes(StandardCharsets.UTF_8);
        for (int hops = 0; isRedirect(status) && reader.location() != null; hops++) {
            String location = reader.location();
            if (hops == MAX_REDIRECTS) {
                throw new Failures.Classified(ErrorKind.PROTOCOL_ERROR,
                        "more than " + MAX_REDIRECTS + " redirects; the last pointed to " + location);
            }
            URI next;
            Origin to;
            try {
                next = current.resolve(new URI(location));
                to = Origin.of(next);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new Failures.Classified(ErrorKind.PROTOCOL_ERROR, "unusable redirect Location '" + location + "'");
            }
            // 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET, as browsers do.
            if ((status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
            }
            String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
            String target = next.getRawQuery() == null ? path : path + "?" + next.getRawQuery();
            boolean sameOrigin = to.equals(origin);
            EncodedRequest hop = RequestEncoder.build(method, to.hostHeader(), target, path, spec.headers(), sameOrigin, body);
            status = sameOrigin ? sendPrimary(hop, true) : sendDetour(to, hop);
            current = next;
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
        reader.detach();
        if (connection != null) {
            connection.close();
        }
    }

    /** Signs that the peer had closed the connection before our request reached it. */
    private static boolean closedUnderUs(IOException e) {
        return e instanceof EOFException || (e instanceof SocketException && Failures.isReset(e));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
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
