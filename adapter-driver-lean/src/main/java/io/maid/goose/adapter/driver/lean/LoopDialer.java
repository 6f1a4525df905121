package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TlsSpec;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;

/**
 * How a {@link LeanLoopSession} gets the connection for a hop: opened at once when the host is an IP literal
 * (the session's own origin's address is parsed once), else after its name was resolved off the loop (see
 * {@link LeanLoopTransport} for why), then connected without blocking, finished on {@code OP_CONNECT}; for an
 * https origin, then the TLS handshake, driven on the loop by the connection's {@link LoopTls} as the socket
 * becomes readable or writable, and timed ({@link #handshakeNanos()}). The connection goes into the session's
 * {@link LoopConnections} as the exchange's primary or detour.
 *
 * <p>Each resolution carries an attempt number; its result is acted on only while this dialer still waits for
 * that very attempt and the session is not closed, so a result that outlives its request (timed out,
 * abandoned, superseded) opens nothing and reports nothing. The session bounds a dial by its connect deadline
 * and gives it up with {@link #cancel()}.
 *
 * <p>Loop thread only.
 */
final class LoopDialer {
    /** The session, told how a dial ended; always on the loop, and once per dial (unless cancelled). */
    interface Dialed {
        /** The exchange's connection is up: its request can be written. */
        void dialed();

        /** There is no connection; the request fails so. */
        void dialFailed(Failures.Classified failure);

        /** A bug of ours while acting on a resolution that landed. */
        void dialBroke(RuntimeException bug);

        /** Whether the session was closed (from any thread): then a landing resolution opens nothing. */
        boolean isClosed();
    }

    private static final int NONE = 0;
    private static final int RESOLVING = 1;
    private static final int CONNECTING = 2;
    private static final int HANDSHAKING = 3;

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final LoopConnections connections;
    private final Origin home;
    /** The home origin's address when its host is an IP literal, parsed once; null for a host name. */
    private final InetSocketAddress homeAddress;
    private final LeanEventLoop.ChannelHandler handler;
    private final Dialed session;
    private final TlsSpec tlsSpec;
    /** Looked up on the first https dial. */
    private TlsSetup tls;
    private int phase = NONE;
    private long handshakeStarted;
    private long handshakeNanos = -1;
    /** Numbers the handshake task runs; one that lands for an older one (or a given-up dial) is ignored. */
    private int tasks;
    private boolean tasksRunning;
    private int attempt;
    private Origin target;
    private boolean onDetour;

    LoopDialer(LeanEventLoop loop, LeanLoopTransport owner, LoopConnections connections, Origin home,
               TlsSpec tlsSpec, LeanEventLoop.ChannelHandler handler, Dialed session) {
        this.loop = loop;
        this.owner = owner;
        this.connections = connections;
        this.home = home;
        this.homeAddress = home.literalAddress();
        this.tlsSpec = tlsSpec == null ? TlsSpec.defaults() : tlsSpec;
        this.handler = handler;
        this.session = session;
    }

    /** Dials {@code to} for an exchange on the detour (or not); the session hears how it ended. */
    void dial(Origin to, boolean detour) {
        target = to;
        onDetour = detour;
        handshakeNanos = -1;
        if (to.secure()) {
            if (tls == null) {
                tls = owner.tlsSetup(tlsSpec);
            }
            if (tls.error() != null) {
                session.dialFailed(new Failures.Classified(ErrorKind.TLS_ERROR, tls.error()));
                return;
            }
        }
        InetSocketAddress address = to == home ? homeAddress : to.literalAddress();
        if (address != null) {
            open(address);
            return;
        }
        phase = RESOLVING;
        int mine = ++attempt;
        owner.resolve(to.host(), found -> loop.submit(() -> resolved(mine, found)));
    }

    /** The exchange's connection is ready for {@code ops}: the connect, or the handshake, moves on. */
    void ready(int ops) {
        if (phase == CONNECTING && (ops & SelectionKey.OP_CONNECT) != 0) {
            connectable();
        } else if (phase == HANDSHAKING && !tasksRunning) {
            shakeHands();
        }
    }

    private void connectable() {
        try {
            if (connections.finishConnect(onDetour, target)) {
                connected();
            }
        } catch (Failures.Classified e) {
            phase = NONE;
            session.dialFailed(e);
        }
    }

    /** TCP is up: the hop's request can go, or for https the handshake starts. */
    private void connected() {
        if (!target.secure()) {
            phase = NONE;
            session.dialed();
            return;
        }
        phase = HANDSHAKING;
        handshakeStarted = System.nanoTime();
        SSLEngine engine = tls.engine(target.host(), target.port());
        connections.active(onDetour).secure(new LoopTls(engine, loop.tlsBuffers(TlsSetup.isNative(engine))));
        shakeHands();
    }

    private void shakeHands() {
        int step;
        LoopConnection connection = connections.active(onDetour);
        try {
            step = connection.handshake();
        } catch (IOException e) {
            phase = NONE;
            connections.closeActive(onDetour);
            session.dialFailed(Failures.handshake(e, target));
            return;
        }
        if (step == LoopTls.DONE) {
            phase = NONE;
            handshakeNanos = System.nanoTime() - handshakeStarted;
            session.dialed();
        } else if (step == LoopTls.NEED_TASKS) {
            tasksRunning = true;
            int mine = ++tasks;
            owner.offLoop(connection.handshakeTasks(), () -> loop.submit(() -> tasksRan(mine)));
        }
    }

    /** The handshake's tasks ran (off the loop): it goes on, unless the dial was given up meanwhile. */
    private void tasksRan(int which) {
        if (which != tasks) {
            return;
        }
        tasksRunning = false;
        if (phase != HANDSHAKING || session.isClosed()) {
            return; // given up (timed out, closed): its outcome has been or will be reported
        }
        try {
            shakeHands();
        } catch (RuntimeException e) {
            session.dialBroke(e);
        }
    }

    /** How long the last dial's TLS handshake took, in nanoseconds; -1 when it made none (plain, or failed). */
    long handshakeNanos() {
        return handshakeNanos;
    }

    /** Whether the TLS handshake is under way (it had not finished when a deadline passed). */
    boolean handshaking() {
        return phase == HANDSHAKING;
    }

    boolean resolving() {
        return phase == RESOLVING;
    }

    /** Whether a connect or a handshake is pending on a registered channel (a resolution has none yet). */
    boolean onChannel() {
        return phase == CONNECTING || phase == HANDSHAKING;
    }

    /** The session gave the dial up (its request ended): a resolution still running is ignored when it lands. */
    void cancel() {
        phase = NONE;
        tasksRunning = false;
        tasks++; // a task run still going lands for nobody
    }

    private void resolved(int which, InetAddress found) {
        if (which != attempt || phase != RESOLVING || session.isClosed()) {
            return; // given up meanwhile: its outcome has been or will be reported
        }
        phase = NONE;
        try {
            if (found == null) {
                session.dialFailed(Failures.unreachable(target.host()));
            } else {
                open(new InetSocketAddress(found, target.port()));
            }
        } catch (RuntimeException e) {
            session.dialBroke(e);
        }
    }

    private void open(InetSocketAddress address) {
        LoopConnection connection;
        try {
            connection = connections.open(loop, target, address, onDetour, handler);
        } catch (Failures.Classified e) {
            phase = NONE;
            session.dialFailed(e);
            return;
        }
        if (connection.connectedAtOnce()) {
            connected();
        } else {
            phase = CONNECTING;
        }
    }
}
