package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.support.http.FailureText;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One virtual user's connection, cookies and buffers; see {@link LeanTransport} for the guarantees.
 *
 * <p>Threading: {@link #send} is called by the owning user thread only. {@link #close()} may come from any
 * thread: it closes the plain sockets under the user, which ends a blocked connect, write or read at once.
 * The transport's watchdog calls {@link #expireIfOverdue} the same way for response timeouts, which bound
 * each whole response, from writing the request to its last body byte. When to check a kept-alive
 * connection, re-send a request and follow a redirect is decided by {@link Exchanges}, as
 * {@link LeanLoopSession} decides it.
 * The sockets are published through volatile fields before they are used and {@code closed} is checked
 * after publishing, so a close racing with a connect always ends that connect.
 *
 * <p>What a send keeps: a reusable request's bytes by identity ({@link SessionRequests}); of a request that is
 * not reusable, nothing once the send returns; of the response, what the send asked to capture, of the final
 * answer only ({@link ResponseCapture}, fed by the parser), copied into the outcome.
 */
final class LeanSession implements TransportSession {
    private final LeanTransport owner;
    private final SessionRequests requests;
    private final Origin origin;
    private final TlsSpec tls;
    private final int timeoutMillis;
    private final TargetAllowList allowed;
    private final CookieJar cookies;
    private final ResponseDeadline deadline;
    private final ResponseParser parser;
    private final ByteBuffer probe = ByteBuffer.allocate(64);
    private byte[] scratch;
    private ByteBuffer scratchView;
    /** Made on the first send that captures, then reused. */
    private ResponseCapture capture;
    /** {@link #capture} while a send that captures runs; else null. */
    private ResponseCapture capturing;

    private BlockingConnection primary;
    private volatile BlockingConnection exchanging;
    private volatile Socket primarySocket;
    private volatile Socket detourSocket;
    private volatile boolean closed;

    private long sent;
    private long received;
    private int closedAttempts;
    private long handshakeNanos;

    LeanSession(LeanTransport owner, RequestEncoder encoder, TlsSpec tls, int timeoutMillis, TargetAllowList allowed,
                long maxResponseBytes, CookieJar cookies) {
        this.owner = owner;
        this.requests = new SessionRequests(encoder);
        this.origin = encoder.origin();
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.allowed = allowed;
        this.cookies = cookies;
        this.deadline = new ResponseDeadline(timeoutMillis * 1_000_000L);
        this.parser = new ResponseParser(maxResponseBytes);
    }

    @Override
    public RequestOutcome send(RequestSpec spec, SendOptions options) {
        Objects.requireNonNull(options, "options");
        sent = 0;
        received = 0;
        closedAttempts = 0;
        handshakeNanos = RequestOutcome.NO_HANDSHAKE;
        if (closed) {
            return RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0, "the session is closed");
        }
        startCapture(options);
        try {
            EncodedRequest request = requests.get(spec, options.reusable());
            int status = sendPrimary(request, spec, spec.allowRedirects());
            if (Exchanges.follows(spec, status, parser.location())) {
                status = followRedirects(request, spec, status);
            }
            return Exchanges.answered(spec, status, sent, received, closedAttempts, parser, captured())
                    .withTlsHandshake(handshakeNanos);
        } catch (IOException | RuntimeException e) {
            return failed(e).withTlsHandshake(handshakeNanos);
        } finally {
            endCapture();
        }
    }

    private void startCapture(SendOptions options) {
        if (options.captures()) {
            if (capture == null) {
                capture = new ResponseCapture();
            }
            capture.configure(options);
            capturing = capture;
        }
    }

    /** What was captured of the final answer (the last one the parser read), or null. */
    private CapturedResponse captured() {
        return capturing == null ? null : capturing.result();
    }

    /** Nothing of a send's capture stays once it returned, not even of a response that failed midway. */
    private void endCapture() {
        if (capturing != null) {
            capturing.startHead();
            capturing = null;
        }
    }

    private RequestOutcome failed(Exception e) {
        if (e instanceof Failures.Classified classified) {
            return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : classified.kind(), sent, received, e.getMessage())
                    .withClosedAttempts(closedAttempts);
        }
        closePrimary();
        ErrorKind kind = e instanceof IOException io ? Failures.whileExchanging(io) : ErrorKind.IO_ERROR;
        return RequestOutcome.failure(closed ? ErrorKind.ABANDONED : kind, sent, received, Failures.describe(e))
                .withClosedAttempts(closedAttempts);
    }

    @Override
    public void close() {
        closed = true;
        BlockingConnection.closeQuietly(primarySocket);
        BlockingConnection.closeQuietly(detourSocket);
        owner.forget(this);
    }

    /**
     * Called by the transport's watchdog: when this session's response has taken longer than its timeout,
     * closes the connection under it, so the blocked read fails and is reported as a response timeout.
     */
    void expireIfOverdue(long nowNanos) {
        if (deadline.hasExpired(nowNanos)) {
            BlockingConnection connection = exchanging;
            if (connection != null && !connection.timedOut) {
                connection.timedOut = true;
                BlockingConnection.closeQuietly(connection.raw);
            }
        }
    }

    long timeoutNanos() {
        return deadline.timeoutNanos();
    }

    /** How many requests this session keeps encoded, and its encoder shares (for tests of what it keeps). */
    int[] cachedRequests() {
        return new int[] {requests.size(), requests.sharedCount()};
    }

    /**
     * One exchange on the kept-alive connection to the base URL's origin, connecting first when there is none
     * or when the one there is turns out closed after being idle. A request whose reused connection closes
     * under it goes once more as {@link Exchanges} says.
     */
    private int sendPrimary(EncodedRequest request, RequestSpec spec, boolean wantLocation) throws IOException {
        boolean resent = false;
        while (true) {
            BlockingConnection connection = primary;
            if (connection != null && System.nanoTime() - connection.idleSince >= Exchanges.STALE_CHECK_AFTER_NANOS
                    && connection.unusableWhileIdle(probe)) {
                closePrimary();
                connection = null;
            }
            boolean reused = connection != null;
            if (!reused) {
                connection = connect(origin, false);
                primary = connection;
            }
            long receivedBefore = received;
            try {
                int status = exchange(connection, request, spec, origin, wantLocation);
                if (connection.reusable) {
                    connection.idleSince = System.nanoTime();
                } else {
                    closePrimary();
                }
                return status;
            } catch (IOException e) {
                closePrimary();
                // A blocking write that failed may have put bytes on the wire: only the counted re-send applies.
                Exchanges.Resend resend = closed ? Exchanges.Resend.NO
                        : Exchanges.afterFailure(reused, resent, true, received - receivedBefore, e);
                if (resend == Exchanges.Resend.NO) {
                    throw e;
                }
                resent = true;
                closedAttempts++;
            }
        }
    }

    /** One exchange on a connection of its own, closed afterwards: a redirect to another origin. */
    private int sendDetour(Origin to, EncodedRequest request, RequestSpec spec) throws IOException {
        BlockingConnection connection = connect(to, true);
        try {
            return exchange(connection, request, spec, to, true);
        } finally {
            detourSocket = null;
            connection.close();
        }
    }

    private int exchange(BlockingConnection connection, EncodedRequest request, RequestSpec spec, Origin to,
                         boolean wantLocation) throws IOException {
        if (exchanging != connection) {
            exchanging = connection;
        }
        int status;
        deadline.arm(); // once: the timeout bounds the whole response, to its last byte
        try {
            write(connection.out, request, to);
            try {
                status = parser.read(connection.in, request.headRequest(), wantLocation, spec, capturing);
            } finally {
                received += parser.received();
                parser.release();
            }
        } catch (IOException e) {
            if (connection.timedOut) {
                throw new Failures.Classified(ErrorKind.RESPONSE_TIMEOUT,
                        FailureText.responseTimeout(parser.received() > 0, deadline.timeoutNanos() / 1_000_000));
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
        RedirectChain chain = new RedirectChain(origin, first, spec, allowed);
        while (Exchanges.follows(spec, status, parser.location())) {
            EncodedRequest hop = chain.next(status, parser.location());
            status = chain.sameOrigin() ? sendPrimary(hop, spec, true) : sendDetour(chain.to(), hop, spec);
        }
        return status;
    }

    private BlockingConnection connect(Origin to, boolean detour) throws IOException {
        TlsSetup tlsSetup = null;
        if (to.secure()) {
            tlsSetup = owner.tlsSetup(tls);
            if (tlsSetup.error() != null) {
                throw new Failures.Classified(ErrorKind.TLS_ERROR, tlsSetup.error());
            }
        }
        BlockingConnection connection = BlockingConnection.open(to, tlsSetup, timeoutMillis, raw -> {
            if (detour) {
                detourSocket = raw;
            } else {
                primarySocket = raw;
            }
        }, () -> closed);
        if (connection.handshakeNanos >= 0) {
            handshakeNanos = handshakeNanos < 0 ? connection.handshakeNanos : handshakeNanos + connection.handshakeNanos;
        }
        return connection;
    }

    private void closePrimary() {
        BlockingConnection connection = primary;
        primary = null;
        primarySocket = null;
        if (connection != null) {
            connection.close();
        }
    }
}
