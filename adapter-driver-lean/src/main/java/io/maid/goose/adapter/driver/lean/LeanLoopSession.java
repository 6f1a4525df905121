package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.support.http.FailureText;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One virtual user's connections, cookies and buffers on a {@link LeanEventLoop}: the non-blocking twin of
 * {@link LeanSession}, request for request; see {@link LeanLoopTransport} for the guarantees.
 *
 * <h2>Design</h2>
 * A small state machine per request, driven by the loop: {@code DIALING} (a {@link LoopDialer} resolving a
 * host name off the loop, connecting without blocking, and for https shaking hands on the loop),
 * {@code WRITING} (only while a write was partial: {@code OP_WRITE}) and {@code READING} (bytes go into the
 * {@link ResponseParser}'s buffer: straight from the channel, or decrypted by the connection's
 * {@link LoopTls}). https and plain http share every state and every line above the connection. The request in
 * flight is a {@link LoopExchange}, with its re-send and redirect state, its byte counts and what it captures
 * of the response; its connections are {@link LoopConnections} — the kept-alive {@code primary}, and a
 * {@code detour} for a redirect to another origin; outcomes go out through {@link OutcomeDelivery}; when to
 * check, re-send and follow is decided by {@link Exchanges}, as {@link LeanSession} decides it.
 *
 * <p>Deadlines: the connect deadline is armed when dialing starts and kept through resolution, connect and
 * TLS handshake, so the request timeout bounds them together; the response deadline is armed once, when the request starts
 * to be written, and bounds the whole response to its last body byte. The loop's sweep enforces both.
 *
 * <p>Threading: everything but {@link #close()} runs on the loop's thread; {@code close} sets a volatile flag
 * and queues {@link #closeNow()}. A response that completes after {@code close} was called is reported as
 * abandoned all the same.
 */
final class LeanLoopSession implements LoopSession, LeanEventLoop.ChannelHandler, LoopDialer.Dialed {
    private static final int IDLE = 0;
    private static final int DIALING = 1;
    private static final int WRITING = 2;
    private static final int READING = 3;

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final SessionRequests requests;
    private final Origin origin;
    private final long timeoutNanos;
    private final TargetAllowList allowed;
    private final CookieJar cookies;
    private final ResponseParser parser;
    private final LoopExchange exchange = new LoopExchange();
    private final OutcomeDelivery delivery;
    private final LoopConnections connections = new LoopConnections();
    private final LoopDialer dialer;
    private final Runnable closeTask = this::closeNow;
    /** This session's place in its loop's sweep list, or -1 when it is not in it. */
    int slot = -1;

    private int state = IDLE;
    private long deadline;
    private volatile boolean closed;
    /** Whether {@link #closeNow()} has told the transport this session is gone (loop thread only). */
    private boolean released;

    LeanLoopSession(LeanEventLoop loop, LeanLoopTransport owner, SessionOptions options, RequestEncoder encoder,
                    long timeoutNanos, CookieJar cookies) {
        this.loop = loop;
        this.owner = owner;
        this.requests = new SessionRequests(encoder);
        this.origin = encoder.origin();
        this.timeoutNanos = timeoutNanos;
        this.allowed = options.allowedTargets();
        this.cookies = cookies;
        this.parser = new ResponseParser(options.maxResponseBytes());
        this.delivery = new OutcomeDelivery(loop);
        this.dialer = new LoopDialer(loop, owner, connections, origin, options.tls(), this, this);
    }

    @Override
    public void send(RequestSpec request, SendOptions options, Consumer<RequestOutcome> done) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(done, "done");
        if (!loop.inLoop()) {
            throw new IllegalStateException("send must be called on the session's loop thread (" + loop + "), not on "
                    + Thread.currentThread().getName());
        }
        delivery.accept(done);
        exchange.begin(request, options);
        try {
            if (closed || loop.isStopping()) {
                closed = true;
                fail(ErrorKind.ABANDONED, "the session was closed");
                return;
            }
            if (slot < 0) {
                loop.attach(this);
            }
            exchange.hop(requests.get(request, options.reusable()), origin, false, request.allowRedirects());
            attemptPrimary();
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        } finally {
            delivery.sendReturned();
        }
    }

    @Override
    public void close() {
        closed = true;
        loop.submit(closeTask);
    }

    /** Closes at once, on the loop's thread: the request in flight ends as abandoned. */
    void closeNow() {
        closed = true;
        if (!released) {
            released = true;
            owner.sessionClosed();
        }
        if (delivery.awaiting()) {
            exchange.settleReceived(parser);
            connections.closeAll();
            fail(ErrorKind.ABANDONED, "the session was closed");
        } else {
            connections.closeAll();
        }
        loop.detach(this);
    }

    /** Called by the loop's sweep: ends a connect or a response that ran past its deadline. */
    void expireIfOverdue(long nowNanos) {
        if (deadline == 0 || nowNanos - deadline <= 0) {
            return;
        }
        long millis = timeoutNanos / 1_000_000;
        if (state == DIALING) {
            boolean resolving = dialer.resolving();
            boolean handshaking = dialer.handshaking();
            dialer.cancel();
            connections.closeActive(exchange.onDetour());
            fail(ErrorKind.CONNECT_TIMEOUT, "no connection to " + exchange.to().hostHeader() + " within " + millis
                    + (resolving ? " ms: its host name was still being resolved"
                    : handshaking ? " ms: the TLS handshake had not finished" : " ms"));
        } else if (state == WRITING || state == READING) {
            boolean any = exchange.settleReceived(parser) > 0;
            connections.closeActive(exchange.onDetour());
            fail(ErrorKind.RESPONSE_TIMEOUT, FailureText.responseTimeout(any, millis));
        }
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** How many requests this session keeps encoded, and its encoder shares (for tests of what it keeps). */
    int[] cachedRequests() {
        return new int[] {requests.size(), requests.sharedCount()};
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            LoopConnection active = connections.active(exchange.onDetour());
            boolean registered = state == WRITING || state == READING || (state == DIALING && dialer.onChannel());
            int ops = key.readyOps();
            if (!registered || active == null || !active.owns(key)) {
                connections.readyWhileIdle(key, loop.outBuffer());
            } else if (state == READING) {
                if ((ops & SelectionKey.OP_READ) != 0) {
                    readSome();
                }
            } else if (state == WRITING) {
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    writeSome();
                }
            } else {
                dialer.ready(ops);
            }
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        }
    }

    // ---- exchanges --------------------------------------------------------------------------------------

    /**
     * One exchange on the kept-alive connection, connecting first when there is none (or the one there is
     * turns out closed after being idle: that costs nothing, the request has not left). A request whose
     * reused connection closes under it goes once more as {@link Exchanges} says (see {@link #exchangeFailed}).
     */
    private void attemptPrimary() {
        connections.checkIdlePrimary(loop.selectTime(), loop.outBuffer());
        exchange.attempt(connections.hasPrimary());
        if (connections.hasPrimary()) {
            startWrite();
        } else {
            dial(origin);
        }
    }

    private void dial(Origin target) {
        state = DIALING;
        deadline = armedDeadline(); // kept through resolution and connect: the timeout bounds them together
        dialer.dial(target, exchange.onDetour());
    }

    @Override
    public void dialed() {
        long handshake = dialer.handshakeNanos();
        if (handshake >= 0) {
            exchange.shookHands(handshake);
        }
        startWrite();
    }

    @Override
    public void dialFailed(Failures.Classified failure) {
        fail(failure);
    }

    @Override
    public void dialBroke(RuntimeException bug) {
        failUnexpectedly(bug);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void startWrite() {
        exchange.startWrite(cookies);
        state = WRITING;
        deadline = armedDeadline(); // once: the timeout bounds the whole response, to its last byte
        writeSome();
    }

    private void writeSome() {
        try {
            if (!exchange.writeTo(connections.active(exchange.onDetour()), loop.outBuffer())) {
                return;
            }
        } catch (IOException e) {
            exchangeFailed(e);
            return;
        }
        state = READING;
        exchange.startRead(parser);
    }

    private void readSome() {
        try {
            if (exchange.readFrom(connections.active(exchange.onDetour()), parser) == LoopExchange.COMPLETE) {
                exchangeDone();
            }
        } catch (IOException e) {
            exchangeFailed(e);
        }
    }

    private void exchangeDone() {
        exchange.settleReceived(parser);
        int status = parser.status();
        cookies.store(parser.setCookies(), exchange.to(), exchange.request().cookiePath());
        connections.exchangeEnded(exchange.onDetour(), parser.keepAlive() && !exchange.request().closeAfter(),
                loop.selectTime());
        state = IDLE;
        deadline = 0;
        String location = exchange.wantLocation() ? parser.location() : null;
        if (Exchanges.follows(exchange.spec(), status, location)) {
            nextHop(status, location);
        } else {
            finish(exchange.answered(status, parser));
        }
    }

    /** Follows a redirect: on the kept-alive connection, or on a detour (plain or TLS, as its origin says). */
    private void nextHop(int status, String location) {
        try {
            exchange.redirect(status, location, origin, allowed);
        } catch (Failures.Classified e) {
            fail(e);
            return;
        }
        if (!exchange.onDetour()) {
            attemptPrimary();
        } else {
            dial(exchange.to());
        }
    }

    private void exchangeFailed(IOException e) {
        long got = exchange.settleReceived(parser);
        boolean onPrimary = !exchange.onDetour();
        connections.closeActive(exchange.onDetour());
        if (!closed && onPrimary && exchange.resendAfter(e, got)) {
            attemptPrimary();
        } else {
            fail(Failures.exchanging(e));
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    private void fail(ErrorKind kind, String detail) {
        finish(exchange.failed(kind, detail));
    }

    private void fail(Failures.Classified failure) {
        fail(failure.kind(), failure.getMessage());
    }

    private void finish(RequestOutcome outcome) {
        state = IDLE;
        deadline = 0;
        dialer.cancel();
        exchange.end();
        if (closed && outcome.error() != ErrorKind.ABANDONED) {
            outcome = exchange.failed(ErrorKind.ABANDONED, "the session was closed");
        }
        delivery.complete(outcome);
    }

    /** A bug of ours, not the network's: the request fails (if it is still ours to fail), the loop reports it. */
    private void failUnexpectedly(RuntimeException e) {
        if (delivery.awaiting()) {
            exchange.settleReceived(parser);
            connections.closeAll();
            fail(ErrorKind.IO_ERROR, Failures.describe(e));
        }
        loop.report(e);
    }

    private long armedDeadline() {
        long at = System.nanoTime() + timeoutNanos;
        return at == 0 ? 1 : at;
    }
}
