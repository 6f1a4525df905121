package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One virtual user's connections, cookies and buffers on a {@link LeanEventLoop}: the non-blocking twin of
 * {@link LeanSession}, request for request; see {@link LeanLoopTransport} for the guarantees.
 *
 * <h2>Design</h2>
 * A small state machine per request, driven by the loop: {@code RESOLVING} (a host name being resolved on a
 * virtual thread, see {@link LeanLoopTransport}), {@code CONNECTING} (non-blocking connect, waiting for
 * {@code OP_CONNECT}), {@code WRITING} (only while a write was partial: {@code OP_WRITE}), {@code READING}
 * (bytes go straight into the {@link ResponseParser}'s buffer) and {@code DELEGATED} (a TLS exchange running
 * on a virtual thread). The request in flight is a {@link LoopExchange}; its connections are
 * {@link LoopConnection}s — the kept-alive {@code primary}, and a {@code detour} for a redirect to another
 * origin; outcomes go out through {@link OutcomeDelivery}; when to check, re-send and follow is decided by
 * {@link Exchanges}, as {@link LeanSession} decides it.
 *
 * <p>A kept-alive connection stays registered with {@code OP_READ} between requests, so a server closing an
 * idle connection is noticed by the select the loop makes anyway (the connection is dropped, and the next
 * request opens a fresh one). Bytes that arrive on an idle connection were never asked for, so they end it the
 * same way. A connection idle for at least {@link Exchanges#STALE_CHECK_AFTER_NANOS} by the loop's select clock
 * is also checked with one non-blocking read just before it is reused, for a close that came after the last
 * select.
 *
 * <p>A request's bytes are copied from its {@link EncodedRequest} (with the user's {@code Cookie} line
 * inserted) into the loop's direct write buffer and written from there, a piece at a time for requests
 * larger than it, so nothing is allocated per request and the channel needs no copy of its own.
 *
 * <p>Deadlines: the connect deadline is armed when resolution starts and kept through the connect that
 * follows, so the request timeout bounds both together; the response deadline is armed once, when the
 * request starts to be written, and bounds the whole response to its last body byte. Each resolution carries
 * an attempt number; its result is acted on only while the session is still {@code RESOLVING} that very
 * attempt and not closed, so a result that outlives its request (timed out, abandoned, superseded) opens
 * nothing and reports nothing.
 *
 * <p>Threading: everything but {@link #close()} runs on the loop's thread; {@code close} sets a volatile flag
 * and queues {@link #closeNow()}. A response that completes after {@code close} was called is reported as
 * abandoned all the same.
 */
final class LeanLoopSession implements LoopSession, LeanEventLoop.ChannelHandler {
    private static final int IDLE = 0;
    private static final int CONNECTING = 1;
    private static final int WRITING = 2;
    private static final int READING = 3;
    private static final int DELEGATED = 4;
    /** Outside CONNECTING..READING on purpose: no channel of the exchange is registered yet. */
    private static final int RESOLVING = 5;

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final SessionRequests requests;
    private final Origin origin;
    /** The origin's address when its host is an IP literal, parsed once; null for a host name. */
    private final InetSocketAddress originAddress;
    private final long timeoutNanos;
    private final TargetAllowList allowed;
    private final CookieJar cookies;
    private final ResponseParser parser;
    private final LoopExchange exchange = new LoopExchange();
    private final OutcomeDelivery delivery;
    private final Runnable closeTask = this::closeNow;
    /** This session's place in its loop's sweep list, or -1 when it is not in it. */
    int slot = -1;

    private LoopConnection primary;
    private LoopConnection detour;
    private final LoopTlsRelay tls;

    private int generation;
    /** Numbers resolutions, so a result that arrives after its attempt was given up is recognised. */
    private int resolveAttempt;
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
        this.originAddress = origin.secure() ? null : origin.literalAddress();
        this.timeoutNanos = timeoutNanos;
        this.allowed = options.allowedTargets();
        this.cookies = cookies;
        this.parser = new ResponseParser(options.maxResponseBytes());
        this.delivery = new OutcomeDelivery(loop);
        this.tls = new LoopTlsRelay(loop, owner, options, cookies);
    }

    @Override
    public void send(RequestSpec request, Consumer<RequestOutcome> done) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(done, "done");
        if (!loop.inLoop()) {
            throw new IllegalStateException("send must be called on the session's loop thread (" + loop + "), not on "
                    + Thread.currentThread().getName());
        }
        delivery.accept(done);
        generation++;
        exchange.begin(request);
        try {
            if (closed || loop.isStopping()) {
                closed = true;
                fail(ErrorKind.ABANDONED, "the session was closed");
                return;
            }
            if (slot < 0) {
                loop.attach(this);
            }
            if (origin.secure()) {
                delegate(null, null);
                return;
            }
            exchange.hop(requests.get(request), origin, false, request.allowRedirects());
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
        tls.close();
        if (delivery.awaiting()) {
            exchange.settleReceived(parser);
            closeConnections();
            fail(ErrorKind.ABANDONED, "the session was closed");
        } else {
            closeConnections();
        }
        loop.detach(this);
    }

    /** Called by the loop's sweep: ends a connect or a response that ran past its deadline. */
    void expireIfOverdue(long nowNanos) {
        if (deadline == 0 || nowNanos - deadline <= 0) {
            return;
        }
        long millis = timeoutNanos / 1_000_000;
        String where = exchange.to().hostHeader();
        if (state == RESOLVING) {
            fail(ErrorKind.CONNECT_TIMEOUT, "no connection to " + where + " within " + millis
                    + " ms: its host name was still being resolved");
        } else if (state == CONNECTING) {
            closeActive();
            fail(ErrorKind.CONNECT_TIMEOUT, "no connection to " + where + " within " + millis + " ms");
        } else if (state == WRITING || state == READING) {
            boolean any = exchange.settleReceived(parser) > 0;
            closeActive();
            fail(ErrorKind.RESPONSE_TIMEOUT, (any ? "the response was not complete within " : "no response within ")
                    + millis + " ms");
        }
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            LoopConnection active = exchange.onDetour() ? detour : primary;
            boolean mine = state >= CONNECTING && state <= READING && active != null && active.owns(key);
            int ops = key.readyOps();
            if (!mine) {
                if (primary != null && primary.owns(key) && primary.unusableWhileIdle(loop.outBuffer())) {
                    closePrimary(); // the server closed it while idle, or sent what nobody asked for
                }
            } else if (state == READING) {
                if ((ops & SelectionKey.OP_READ) != 0) {
                    readSome();
                }
            } else if (state == WRITING) {
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    writeSome();
                }
            } else if ((ops & SelectionKey.OP_CONNECT) != 0) {
                connected();
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
        if (primary != null && loop.selectTime() - primary.idleSince() >= Exchanges.STALE_CHECK_AFTER_NANOS
                && primary.unusableWhileIdle(loop.outBuffer())) {
            closePrimary();
        }
        exchange.attempt(primary != null);
        if (primary == null) {
            connect(origin);
        } else {
            startWrite();
        }
    }

    /**
     * Connects to {@code target}: at once when its host is an IP literal, else after resolving the name off
     * the loop ({@link #resolved}).
     */
    private void connect(Origin target) {
        InetSocketAddress address = target == origin ? originAddress : target.literalAddress();
        if (address != null) {
            open(target, address, false);
            return;
        }
        state = RESOLVING;
        deadline = armedDeadline(); // kept through the connect: the timeout bounds resolution and connect together
        int attempt = ++resolveAttempt;
        owner.resolve(target.host(), found -> loop.submit(() -> resolved(attempt, target, found)));
    }

    /** A resolution's result, on the loop: connects if the attempt is still the one waiting for it. */
    private void resolved(int attempt, Origin target, InetAddress found) {
        if (attempt != resolveAttempt || state != RESOLVING || closed || !delivery.awaiting()) {
            return; // given up meanwhile (timed out, abandoned, closed): its outcome has been or will be reported
        }
        try {
            if (found == null) {
                fail(ErrorKind.IO_ERROR, "cannot resolve or reach host '" + target.host() + "'");
            } else {
                open(target, new InetSocketAddress(found, target.port()), true);
            }
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        }
    }

    /**
     * Opens a non-blocking connection to {@code address} for the current hop.
     *
     * @param armed whether the connect deadline is already running (since resolution began)
     */
    private void open(Origin target, InetSocketAddress address, boolean armed) {
        LoopConnection connection;
        try {
            connection = LoopConnection.open(loop, address, this);
        } catch (IOException e) {
            ErrorKind kind = Failures.whileConnecting(e);
            fail(kind, Failures.connectDetail(kind, e, target));
            return;
        } catch (UnresolvedAddressException | UnsupportedAddressTypeException e) {
            fail(ErrorKind.IO_ERROR, "cannot resolve or reach host '" + target.host() + "'");
            return;
        }
        if (exchange.onDetour()) {
            detour = connection;
        } else {
            primary = connection;
        }
        if (connection.connectedAtOnce()) {
            startWrite();
        } else {
            state = CONNECTING;
            if (!armed) {
                deadline = armedDeadline();
            }
        }
    }

    private void connected() {
        try {
            if (!activeConnection().finishConnect()) {
                return;
            }
        } catch (IOException e) {
            closeActive();
            ErrorKind kind = Failures.whileConnecting(e);
            fail(kind, Failures.connectDetail(kind, e, exchange.to()));
            return;
        }
        startWrite();
    }

    private void startWrite() {
        exchange.startWrite(cookies);
        state = WRITING;
        deadline = armedDeadline(); // once: the timeout bounds the whole response, to its last byte
        writeSome();
    }

    private void writeSome() {
        try {
            if (!exchange.writeTo(activeConnection(), loop.outBuffer())) {
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
            if (exchange.readFrom(activeConnection(), parser) == LoopExchange.COMPLETE) {
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
        if (exchange.onDetour()) {
            closeDetour();
        } else if (!parser.keepAlive() || exchange.request().closeAfter()) {
            closePrimary();
        } else {
            primary.idle(loop.selectTime());
        }
        state = IDLE;
        deadline = 0;
        afterResponse(status, exchange.wantLocation() ? parser.location() : null);
    }

    private void afterResponse(int status, String location) {
        if (Exchanges.follows(exchange.spec(), status, location)) {
            nextHop(status, location);
        } else {
            finish(exchange.answered(status, parser));
        }
    }

    private void nextHop(int status, String location) {
        RedirectChain chain = exchange.chain(origin, allowed);
        EncodedRequest hop;
        try {
            hop = chain.next(status, location);
        } catch (Failures.Classified e) {
            fail(e.kind(), e.getMessage());
            return;
        }
        if (chain.sameOrigin()) {
            exchange.hop(hop, origin, false, true);
            attemptPrimary();
        } else if (chain.to().secure()) {
            delegate(chain.to(), hop);
        } else {
            exchange.hop(hop, chain.to(), true, true);
            connect(chain.to());
        }
    }

    private void exchangeFailed(IOException e) {
        long got = exchange.settleReceived(parser);
        boolean onPrimary = !exchange.onDetour();
        closeActive();
        Exchanges.Resend resend = closed || !onPrimary ? Exchanges.Resend.NO
                : Exchanges.afterFailure(exchange.reused(), exchange.resent(), exchange.wroteAny(), got, e);
        if (resend != Exchanges.Resend.NO) {
            exchange.resend(resend == Exchanges.Resend.COUNTED);
            attemptPrimary();
            return;
        }
        if (e instanceof Failures.Classified classified) {
            fail(classified.kind(), e.getMessage());
        } else {
            fail(Failures.whileExchanging(e), Failures.describe(e));
        }
    }

    // ---- TLS, through the blocking codec ----------------------------------------------------------------

    /** A TLS exchange, through {@link LoopTlsRelay}: the whole request when {@code hopTo} is null, else one hop. */
    private void delegate(Origin hopTo, EncodedRequest hop) {
        try {
            tls.start(generation, exchange.spec(), hopTo, hop, this::delegated);
        } catch (IllegalStateException transportClosed) {
            fail(ErrorKind.ABANDONED, "the transport was closed");
            return;
        }
        state = DELEGATED;
        deadline = 0;
    }

    private void delegated(int gen, RequestOutcome outcome, String location, boolean whole) {
        if (gen != generation || state != DELEGATED || !delivery.awaiting()) {
            return; // abandoned meanwhile; its outcome has been reported
        }
        state = IDLE;
        exchange.add(outcome.bytesSent(), outcome.bytesReceived());
        if (whole) {
            finish(outcome);
        } else if (outcome.error() != null) {
            fail(outcome.error(), outcome.detail());
        } else if (Exchanges.follows(exchange.spec(), outcome.status(), location)) {
            nextHop(outcome.status(), location);
        } else {
            finish(exchange.answeredElsewhere(outcome));
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    private void fail(ErrorKind kind, String detail) {
        finish(exchange.failed(kind, detail));
    }

    private void finish(RequestOutcome outcome) {
        state = IDLE;
        deadline = 0;
        exchange.end();
        if (closed && outcome.error() != ErrorKind.ABANDONED) {
            outcome = exchange.failed(ErrorKind.ABANDONED, "the session was closed");
        }
        delivery.complete(outcome);
    }

    /** A bug of ours, not the network's: the request fails (if it is still ours to fail), the loop reports it. */
    private void failUnexpectedly(RuntimeException e) {
        if (delivery.awaiting() && state != DELEGATED) {
            exchange.settleReceived(parser);
            closeConnections();
            fail(ErrorKind.IO_ERROR, Failures.describe(e));
        }
        loop.report(e);
    }

    // ---- connections ------------------------------------------------------------------------------------

    private long armedDeadline() {
        long at = System.nanoTime() + timeoutNanos;
        return at == 0 ? 1 : at;
    }

    private LoopConnection activeConnection() {
        return exchange.onDetour() ? detour : primary;
    }

    private void closeActive() {
        if (exchange.onDetour()) {
            closeDetour();
        } else {
            closePrimary();
        }
    }

    private void closePrimary() {
        if (primary != null) {
            primary.close();
            primary = null;
        }
    }

    private void closeDetour() {
        if (detour != null) {
            detour.close();
            detour = null;
        }
    }

    private void closeConnections() {
        closePrimary();
        closeDetour();
    }
}
