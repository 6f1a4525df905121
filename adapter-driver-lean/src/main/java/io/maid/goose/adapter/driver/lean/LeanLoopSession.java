package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
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
 * on a virtual thread). A kept-alive connection stays registered with {@code OP_READ} between requests, so
 * interest ops change only around connects and partial writes, and a server closing an idle connection is
 * noticed at once (the connection is dropped, and the next request opens a fresh one). Bytes that arrive on
 * an idle connection were never asked for, so they end it the same way.
 *
 * <p>A request's bytes are copied from its {@link EncodedRequest} (with the user's {@code Cookie} line
 * inserted) into the loop's direct write buffer and written from there, a piece at a time for requests
 * larger than it, so nothing is allocated per request and the channel needs no copy of its own.
 *
 * <p>Resolution: the connect deadline is armed when resolution starts and kept through the connect that
 * follows, so the request timeout bounds both together. Each resolution carries an attempt number; its result
 * is acted on only while the session is still {@code RESOLVING} that very attempt and not closed, so a result
 * that outlives its request (timed out, abandoned, superseded) opens nothing and reports nothing.
 *
 * <p>Outcomes: {@code done} is called from {@link #finish} only, exactly once per request, with the state
 * already reset so it may send the next request at once. Failures that happen inside {@link #send} itself
 * (a closed session, a refused connect reported at once, a failed write) are delivered by a queued task
 * instead, so {@code done} never runs before {@code send} has returned.
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
    private final SessionOptions options;
    private final SessionRequests requests;
    private final Origin origin;
    /** The origin's address when its host is an IP literal, parsed once; null for a host name. */
    private final InetSocketAddress originAddress;
    private final long timeoutNanos;
    private final CookieJar cookies;
    private final ResponseParser parser = new ResponseParser();
    private final Runnable closeTask = this::closeNow;
    private final Runnable deliverTask = this::deliverDeferred;
    /** This session's place in its loop's sweep list, or -1 when it is not in it. */
    int slot = -1;

    private SocketChannel primary;
    private SelectionKey primaryKey;
    private SocketChannel detour;
    private SelectionKey detourKey;
    /** The blocking codec for TLS exchanges, sharing this session's cookies; made on first need. */
    private LeanSession tlsCodec;

    private Consumer<RequestOutcome> done;
    /** An outcome reached inside {@link #send}, waiting for {@link #deliverTask}. */
    private RequestOutcome deferred;
    private boolean inSend;
    private int generation;
    /** Numbers resolutions, so a result that arrives after its attempt was given up is recognised. */
    private int resolveAttempt;
    private int state = IDLE;
    private long deadline;
    private RequestSpec spec;
    private EncodedRequest first;
    private RedirectChain chain;
    /** The current exchange: its request, where it goes, on which connection. */
    private EncodedRequest request;
    private Origin to;
    private boolean onDetour;
    private boolean wantLocation;
    private boolean reused;
    private boolean retried;
    private byte[] cookieLine;
    private int written;
    private int wireLength;
    private boolean writeInterest;
    /** Whether the parser holds the current exchange's response (its bytes not yet added to received). */
    private boolean parsing;
    private long sent;
    private long received;
    private volatile boolean closed;
    /** Whether {@link #closeNow()} has told the transport this session is gone (loop thread only). */
    private boolean released;

    LeanLoopSession(LeanEventLoop loop, LeanLoopTransport owner, SessionOptions options, RequestEncoder encoder,
                    long timeoutNanos, CookieJar cookies) {
        this.loop = loop;
        this.owner = owner;
        this.options = options;
        this.requests = new SessionRequests(encoder);
        this.origin = encoder.origin();
        this.originAddress = origin.secure() ? null : origin.literalAddress();
        this.timeoutNanos = timeoutNanos;
        this.cookies = cookies;
    }

    @Override
    public void send(RequestSpec request, Consumer<RequestOutcome> done) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(done, "done");
        if (!loop.inLoop()) {
            throw new IllegalStateException("send must be called on the session's loop thread (" + loop + "), not on "
                    + Thread.currentThread().getName());
        }
        if (this.done != null) {
            throw new IllegalStateException("a request of this session is still in flight");
        }
        this.done = done;
        generation++;
        spec = request;
        chain = null;
        sent = 0;
        received = 0;
        inSend = true;
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
            first = requests.get(request);
            this.request = first;
            wantLocation = request.allowRedirects();
            startPrimaryHop();
        } catch (RuntimeException e) {
            failUnexpectedly(e);
        } finally {
            inSend = false;
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
        if (tlsCodec != null) {
            tlsCodec.close();
        }
        if (done != null && deferred == null) {
            settleReceived();
            closeConnections();
            fail(ErrorKind.ABANDONED, "the session was closed");
        } else {
            closeConnections();
        }
        loop.detach(this);
    }

    /** Called by the loop's sweep: ends a connect or a wait for response bytes that ran past its deadline. */
    void expireIfOverdue(long nowNanos) {
        if (deadline == 0 || nowNanos - deadline <= 0) {
            return;
        }
        long millis = timeoutNanos / 1_000_000;
        if (state == RESOLVING) {
            fail(ErrorKind.CONNECT_TIMEOUT, "no connection to " + to.hostHeader() + " within " + millis
                    + " ms: its host name was still being resolved");
        } else if (state == CONNECTING) {
            closeActive();
            fail(ErrorKind.CONNECT_TIMEOUT, "no connection to " + to.hostHeader() + " within " + millis + " ms");
        } else if (state == WRITING || state == READING) {
            settleReceived();
            closeActive();
            fail(ErrorKind.RESPONSE_TIMEOUT, "no response bytes arrived for " + millis + " ms");
        }
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            boolean active = state >= CONNECTING && state <= READING && key == (onDetour ? detourKey : primaryKey);
            int ops = key.readyOps();
            if (!active) {
                if (key == primaryKey) {
                    idleReadable();
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

    private void startPrimaryHop() {
        onDetour = false;
        to = origin;
        retried = false;
        attemptPrimary();
    }

    /**
     * One exchange on the kept-alive connection, connecting first when there is none. The retry rule is
     * {@link LeanSession}'s: a request whose reused connection turns out closed before one byte of the answer
     * arrived goes once more on a fresh connection (see {@link #exchangeFailed}).
     */
    private void attemptPrimary() {
        if (primary == null) {
            reused = false;
            connect(origin);
        } else {
            reused = true;
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
        if (attempt != resolveAttempt || state != RESOLVING || closed || done == null || deferred != null) {
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
     * Opens a non-blocking connection to {@code address}.
     *
     * @param armed whether the connect deadline is already running (since resolution began)
     */
    private void open(Origin target, InetSocketAddress address, boolean armed) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (onDetour) {
                detour = channel;
                detourKey = key;
            } else {
                primary = channel;
                primaryKey = key;
            }
            if (connected) {
                startWrite();
            } else {
                state = CONNECTING;
                if (!armed) {
                    deadline = armedDeadline();
                }
            }
        } catch (IOException e) {
            closeQuietly(channel);
            fail(Failures.whileConnecting(e), Failures.describe(e));
        } catch (UnresolvedAddressException | UnsupportedAddressTypeException e) {
            closeQuietly(channel);
            fail(ErrorKind.IO_ERROR, "cannot resolve or reach host '" + target.host() + "'");
        }
    }

    private void connected() {
        try {
            if (!activeChannel().finishConnect()) {
                return;
            }
        } catch (IOException e) {
            closeActive();
            fail(Failures.whileConnecting(e), Failures.describe(e));
            return;
        }
        activeKey().interestOps(SelectionKey.OP_READ);
        startWrite();
    }

    private void startWrite() {
        cookieLine = cookies.isEmpty() ? null : cookies.header(to, request.cookiePath());
        written = 0;
        wireLength = request.wireLength(cookieLine);
        state = WRITING;
        deadline = armedDeadline();
        writeSome();
    }

    /** Writes what the socket takes; waits for {@code OP_WRITE} only when it takes less than all of it. */
    private void writeSome() {
        SocketChannel channel = activeChannel();
        try {
            while (written < wireLength) {
                ByteBuffer out = loop.outBuffer();
                request.put(out, cookieLine, written);
                out.flip();
                int n = channel.write(out);
                written += n;
                sent += n;
                if (out.hasRemaining()) {
                    if (!writeInterest) {
                        activeKey().interestOps(SelectionKey.OP_WRITE);
                        writeInterest = true;
                    }
                    if (n > 0) {
                        deadline = armedDeadline(); // a server taking a large body slowly is not a dead one
                    }
                    return;
                }
            }
        } catch (IOException e) {
            exchangeFailed(e);
            return;
        }
        if (writeInterest) {
            activeKey().interestOps(SelectionKey.OP_READ);
            writeInterest = false;
        }
        state = READING;
        parser.begin(request.headRequest(), wantLocation);
        parsing = true;
    }

    /** Reads what has arrived into the parser; reads again only when a read filled all the room there was. */
    private void readSome() {
        SocketChannel channel = activeChannel();
        try {
            while (true) {
                ByteBuffer room = parser.room();
                int space = room.remaining();
                int n = channel.read(room);
                if (n > 0) {
                    if (parser.filled(n)) {
                        exchangeDone();
                        return;
                    }
                    deadline = armedDeadline();
                    if (n < space) {
                        return;
                    }
                } else if (n < 0) {
                    parser.endOfStream(); // completes a response that runs to the end, else throws
                    exchangeDone();
                    return;
                } else {
                    return;
                }
            }
        } catch (IOException e) {
            exchangeFailed(e);
        }
    }

    private void exchangeDone() {
        settleReceived();
        int status = parser.status();
        cookies.store(parser.setCookies(), to, request.cookiePath());
        if (onDetour) {
            closeDetour();
        } else if (!parser.keepAlive() || request.closeAfter()) {
            closePrimary();
        }
        state = IDLE;
        deadline = 0;
        afterResponse(status, wantLocation ? parser.location() : null);
    }

    private void afterResponse(int status, String location) {
        if (spec.allowRedirects() && RedirectChain.isRedirect(status) && location != null) {
            nextHop(status, location);
        } else {
            finish(RequestOutcome.response(status, sent, received));
        }
    }

    private void nextHop(int status, String location) {
        if (chain == null) {
            chain = new RedirectChain(origin, first, spec);
        }
        EncodedRequest hop;
        try {
            hop = chain.next(status, location);
        } catch (Failures.Classified e) {
            fail(e.kind(), e.getMessage());
            return;
        }
        request = hop;
        wantLocation = true;
        if (chain.sameOrigin()) {
            startPrimaryHop();
        } else if (chain.to().secure()) {
            delegate(chain.to(), hop);
        } else {
            onDetour = true;
            to = chain.to();
            connect(to);
        }
    }

    private void exchangeFailed(IOException e) {
        long got = settleReceived();
        boolean wasDetour = onDetour;
        closeActive();
        if (!wasDetour && reused && !retried && !closed && got == 0 && Failures.closedUnderUs(e)) {
            retried = true;
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

    /**
     * Runs a TLS exchange through the blocking {@link LeanSession} on a virtual thread and takes its outcome
     * back on the loop: the whole request when {@code hopTo} is null (the session's origin is https), else
     * one redirect hop to an https origin, after which the chain goes on here.
     */
    private void delegate(Origin hopTo, EncodedRequest hop) {
        LeanSession codec;
        try {
            if (tlsCodec == null) {
                tlsCodec = owner.tlsSession(options, cookies);
            }
            codec = tlsCodec;
        } catch (IllegalStateException transportClosed) {
            fail(ErrorKind.ABANDONED, "the transport was closed");
            return;
        }
        state = DELEGATED;
        deadline = 0;
        int gen = generation;
        RequestSpec whole = spec;
        Thread.ofVirtual().name("goose-lean-tls").start(() -> {
            RequestOutcome outcome = hopTo == null ? codec.send(whole) : codec.sendHop(hopTo, hop);
            String location = hopTo != null && outcome.error() == null ? codec.location() : null;
            loop.submit(() -> delegated(gen, outcome, location, hopTo == null));
        });
    }

    private void delegated(int gen, RequestOutcome outcome, String location, boolean whole) {
        if (gen != generation || state != DELEGATED || done == null || deferred != null) {
            return; // abandoned meanwhile; its outcome has been reported
        }
        state = IDLE;
        sent += outcome.bytesSent();
        received += outcome.bytesReceived();
        if (outcome.error() != null) {
            fail(outcome.error(), outcome.detail());
        } else if (whole) {
            finish(outcome);
        } else {
            afterResponse(outcome.status(), location);
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    private void fail(ErrorKind kind, String detail) {
        finish(RequestOutcome.failure(kind, sent, received, detail));
    }

    private void finish(RequestOutcome outcome) {
        state = IDLE;
        deadline = 0;
        chain = null;
        onDetour = false;
        if (closed && outcome.error() != ErrorKind.ABANDONED) {
            outcome = RequestOutcome.failure(ErrorKind.ABANDONED, sent, received, "the session was closed");
        }
        if (inSend) {
            deferred = outcome;
            loop.submit(deliverTask);
            return;
        }
        Consumer<RequestOutcome> callback = done;
        done = null;
        deliver(callback, outcome);
    }

    private void deliverDeferred() {
        Consumer<RequestOutcome> callback = done;
        RequestOutcome outcome = deferred;
        if (callback == null || outcome == null) {
            return;
        }
        done = null;
        deferred = null;
        deliver(callback, outcome);
    }

    private void deliver(Consumer<RequestOutcome> callback, RequestOutcome outcome) {
        try {
            callback.accept(outcome);
        } catch (RuntimeException | Error e) {
            loop.report(e);
        }
    }

    /** A bug of ours, not the network's: the request fails (if it is still ours to fail), the loop reports it. */
    private void failUnexpectedly(RuntimeException e) {
        if (done != null && deferred == null && state != DELEGATED) {
            settleReceived();
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

    /** Adds the current exchange's response bytes to the request's count, once; returns them. */
    private long settleReceived() {
        if (!parsing) {
            return 0;
        }
        parsing = false;
        long got = parser.received();
        received += got;
        return got;
    }

    /** A primary connection gets readiness while no exchange uses it: the server closed it, or sent unasked. */
    private void idleReadable() {
        try {
            if (primary.read(loop.outBuffer()) != 0) {
                closePrimary();
            }
        } catch (IOException e) {
            closePrimary();
        }
    }

    private SocketChannel activeChannel() {
        return onDetour ? detour : primary;
    }

    private SelectionKey activeKey() {
        return onDetour ? detourKey : primaryKey;
    }

    private void closeActive() {
        if (onDetour) {
            closeDetour();
        } else {
            closePrimary();
        }
    }

    private void closePrimary() {
        closeQuietly(primary);
        primary = null;
        primaryKey = null;
        if (!onDetour) {
            writeInterest = false;
        }
    }

    private void closeDetour() {
        closeQuietly(detour);
        detour = null;
        detourKey = null;
        if (onDetour) {
            writeInterest = false;
        }
    }

    private void closeConnections() {
        closePrimary();
        closeDetour();
        writeInterest = false;
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is best effort: the channel is abandoned either way
            }
        }
    }
}
