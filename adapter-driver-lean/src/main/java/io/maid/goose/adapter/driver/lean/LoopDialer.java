package io.maid.goose.adapter.driver.lean;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How a {@link LeanLoopSession} gets the connection for a hop: opened at once when the host is an IP literal
 * (the session's own origin's address is parsed once), else after its name was resolved off the loop (see
 * {@link LeanLoopTransport} for why), then connected without blocking, finished on {@code OP_CONNECT}. The
 * connection goes into the session's {@link LoopConnections} as the exchange's primary or detour.
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

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final LoopConnections connections;
    private final Origin home;
    /** The home origin's address when its host is an IP literal, parsed once; null for a host name. */
    private final InetSocketAddress homeAddress;
    private final LeanEventLoop.ChannelHandler handler;
    private final Dialed session;
    private int phase = NONE;
    private int attempt;
    private Origin target;
    private boolean onDetour;

    LoopDialer(LeanEventLoop loop, LeanLoopTransport owner, LoopConnections connections, Origin home,
               LeanEventLoop.ChannelHandler handler, Dialed session) {
        this.loop = loop;
        this.owner = owner;
        this.connections = connections;
        this.home = home;
        this.homeAddress = home.secure() ? null : home.literalAddress();
        this.handler = handler;
        this.session = session;
    }

    /** Dials {@code to} for an exchange on the detour (or not); the session hears how it ended. */
    void dial(Origin to, boolean detour) {
        target = to;
        onDetour = detour;
        InetSocketAddress address = to == home ? homeAddress : to.literalAddress();
        if (address != null) {
            open(address);
            return;
        }
        phase = RESOLVING;
        int mine = ++attempt;
        owner.resolve(to.host(), found -> loop.submit(() -> resolved(mine, found)));
    }

    /** {@code OP_CONNECT} on the exchange's connection. */
    void connectable() {
        try {
            if (connections.finishConnect(onDetour, target)) {
                phase = NONE;
                session.dialed();
            }
        } catch (Failures.Classified e) {
            phase = NONE;
            session.dialFailed(e);
        }
    }

    boolean resolving() {
        return phase == RESOLVING;
    }

    /** Whether a connect is pending on a registered channel (a resolution has none yet). */
    boolean connecting() {
        return phase == CONNECTING;
    }

    /** The session gave the dial up (its request ended): a resolution still running is ignored when it lands. */
    void cancel() {
        phase = NONE;
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
            phase = NONE;
            session.dialed();
        } else {
            phase = CONNECTING;
        }
    }
}
