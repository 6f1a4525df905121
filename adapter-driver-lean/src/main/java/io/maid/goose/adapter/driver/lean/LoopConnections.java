package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/**
 * The two connections a {@link LeanLoopSession} may hold: the kept-alive {@code primary} to its own origin,
 * and a {@code detour} for one redirect hop to another origin, closed when that hop ends. Which one an exchange
 * uses is the exchange's {@code onDetour}.
 *
 * <p>A kept-alive connection stays registered with {@code OP_READ} between requests, so a server closing an
 * idle connection is noticed by the select the loop makes anyway: the connection is dropped, and the next
 * request opens a fresh one. Bytes that arrive on an idle connection were never asked for, so they end it the
 * same way. A connection idle for at least {@link Exchanges#STALE_CHECK_AFTER_NANOS} by the loop's select clock
 * is also checked with one non-blocking read just before it is reused, for a close that came after the last
 * select.
 *
 * <p>Loop thread only.
 */
final class LoopConnections {
    private LoopConnection primary;
    private LoopConnection detour;

    /** The connection an exchange on the detour (or not) uses; null when it has none yet. */
    LoopConnection active(boolean onDetour) {
        return onDetour ? detour : primary;
    }

    /**
     * Opens a non-blocking connection to {@code address} (of {@code target}) for an exchange on the detour (or
     * not), registered for {@code handler}.
     *
     * @throws Failures.Classified when the connect failed at once (a refusal may be reported so)
     */
    LoopConnection open(LeanEventLoop loop, Origin target, InetSocketAddress address, boolean onDetour,
                        LeanEventLoop.ChannelHandler handler) throws Failures.Classified {
        LoopConnection connection;
        try {
            connection = LoopConnection.open(loop, address, handler);
        } catch (IOException e) {
            ErrorKind kind = Failures.whileConnecting(e);
            throw new Failures.Classified(kind, Failures.connectDetail(kind, e, target));
        } catch (UnresolvedAddressException | UnsupportedAddressTypeException e) {
            throw Failures.unreachable(target.host());
        }
        if (onDetour) {
            detour = connection;
        } else {
            primary = connection;
        }
        return connection;
    }

    /**
     * Completes the pending connect of the exchange's connection to {@code to}.
     *
     * @return false while it is still pending
     * @throws Failures.Classified when it failed (the connection is closed then)
     */
    boolean finishConnect(boolean onDetour, Origin to) throws Failures.Classified {
        try {
            return active(onDetour).finishConnect();
        } catch (IOException e) {
            closeActive(onDetour);
            ErrorKind kind = Failures.whileConnecting(e);
            throw new Failures.Classified(kind, Failures.connectDetail(kind, e, to));
        }
    }

    boolean hasPrimary() {
        return primary != null;
    }

    /**
     * Before the primary is reused: when it sat idle since {@code idleSince} for at least
     * {@link Exchanges#STALE_CHECK_AFTER_NANOS} by the loop's select clock {@code now}, one non-blocking read
     * into {@code scratch} tells whether the server closed it meanwhile; then it is dropped.
     */
    void checkIdlePrimary(long now, ByteBuffer scratch) {
        if (primary != null && now - primary.idleSince() >= Exchanges.STALE_CHECK_AFTER_NANOS
                && primary.unusableWhileIdle(scratch)) {
            closePrimary();
        }
    }

    /** {@code key} is ready while no exchange uses it: an idle primary that became unusable is dropped. */
    void readyWhileIdle(SelectionKey key, ByteBuffer scratch) {
        if (primary != null && primary.owns(key) && primary.unusableWhileIdle(scratch)) {
            closePrimary();
        }
    }

    /**
     * An exchange ended with a complete response: a detour is closed; the primary waits for the next request
     * from the select time {@code now}, or is closed when the response or the request said so.
     */
    void exchangeEnded(boolean onDetour, boolean reusable, long now) {
        if (onDetour) {
            closeDetour();
        } else if (reusable) {
            primary.idle(now);
        } else {
            closePrimary();
        }
    }

    void closeActive(boolean onDetour) {
        if (onDetour) {
            closeDetour();
        } else {
            closePrimary();
        }
    }

    void closeAll() {
        closePrimary();
        closeDetour();
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
}
