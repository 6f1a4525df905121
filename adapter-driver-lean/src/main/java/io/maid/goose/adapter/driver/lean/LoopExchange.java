package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.RequestOutcome;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The request a {@link LeanLoopSession} has in flight: the spec, where its current hop goes and on which
 * connection, how far its bytes have been written, the redirect chain, the re-send made, and the bytes sent
 * and received over all its hops and attempts. One per session, reset by {@link #begin}; nothing in it is
 * allocated per request (a redirect chain is made only for a redirected request).
 *
 * <p>Loop thread only.
 */
final class LoopExchange {
    /** {@link #readFrom}: the response is complete. */
    static final int COMPLETE = 1;
    /** {@link #readFrom}: more bytes are needed; wait for {@code OP_READ}. */
    static final int MORE = 0;

    private RequestSpec spec;
    private EncodedRequest first;
    private RedirectChain chain;
    private EncodedRequest request;
    private Origin to;
    private boolean onDetour;
    private boolean wantLocation;
    private boolean reused;
    private boolean resent;
    private int closedAttempts;
    private byte[] cookieLine;
    private int written;
    private int wireLength;
    /** Whether the parser holds this hop's response (its bytes not yet added to {@link #received}). */
    private boolean parsing;
    private long sent;
    private long received;

    /** A new request: no bytes, no hops, no re-send yet. */
    void begin(RequestSpec spec) {
        this.spec = spec;
        first = null;
        chain = null;
        closedAttempts = 0;
        sent = 0;
        received = 0;
        parsing = false;
        onDetour = false;
    }

    /** The request's next hop: {@code request} to {@code to}, on a detour connection or the session's own. */
    void hop(EncodedRequest request, Origin to, boolean detour, boolean wantLocation) {
        if (chain == null) {
            first = request;
        }
        this.request = request;
        this.to = to;
        this.onDetour = detour;
        this.wantLocation = wantLocation;
        this.resent = false;
    }

    /** Whether this attempt goes on a connection that had served a response already. */
    void attempt(boolean reusedConnection) {
        reused = reusedConnection;
    }

    /** This hop goes once more; {@code counted} when the failed attempt counts as a request of its own. */
    void resend(boolean counted) {
        resent = true;
        if (counted) {
            closedAttempts++;
        }
    }

    /** Starts writing the hop's bytes, with the user's cookies for where it goes. */
    void startWrite(CookieJar cookies) {
        cookieLine = cookies.isEmpty() ? null : cookies.header(to, request.cookiePath());
        written = 0;
        wireLength = request.wireLength(cookieLine);
    }

    /**
     * Writes what the socket takes, through the loop's buffer {@code out}, a piece at a time for requests
     * larger than it.
     *
     * @return true when the whole request is written; false when the socket took less (then wait for
     *         {@code OP_WRITE})
     */
    boolean writeTo(LoopConnection connection, ByteBuffer out) throws IOException {
        while (written < wireLength) {
            out.clear();
            request.put(out, cookieLine, written);
            out.flip();
            int n = connection.write(out);
            written += n;
            sent += n;
            if (out.hasRemaining()) {
                connection.awaitWritable();
                return false;
            }
        }
        connection.written();
        return true;
    }

    /** The request is on the wire: the parser starts on its response. */
    void startRead(ResponseParser parser) {
        parser.begin(request.headRequest(), wantLocation, spec);
        parsing = true;
    }

    /**
     * Reads what has arrived into the parser; reads again only when a read filled all the room there was.
     *
     * @return {@link #COMPLETE} or {@link #MORE}
     * @throws IOException when the connection failed, or ended before the response did, or the response is
     *                     malformed or too large
     */
    int readFrom(LoopConnection connection, ResponseParser parser) throws IOException {
        while (true) {
            ByteBuffer room = parser.room();
            int space = room.remaining();
            int n = connection.read(room);
            if (n > 0) {
                if (parser.filled(n)) {
                    return COMPLETE;
                }
                if (n < space) {
                    return MORE;
                }
            } else if (n < 0) {
                parser.endOfStream(); // completes a response that runs to the end of the connection, else throws
                return COMPLETE;
            } else {
                return MORE;
            }
        }
    }

    /** Adds the current hop's response bytes to the request's count, once; returns them. */
    long settleReceived(ResponseParser parser) {
        if (!parsing) {
            return 0;
        }
        parsing = false;
        long got = parser.received();
        received += got;
        return got;
    }

    /** Adds a hop's bytes that were moved elsewhere (a TLS hop through the blocking codec). */
    void add(long bytesSent, long bytesReceived) {
        sent += bytesSent;
        received += bytesReceived;
    }

    /** The redirect chain, made on the first redirect. */
    RedirectChain chain(Origin home, TargetAllowList allowed) {
        if (chain == null) {
            chain = new RedirectChain(home, first, spec, allowed);
        }
        return chain;
    }

    RequestOutcome answered(int status, ResponseParser parser) {
        return Exchanges.answered(spec, status, sent, received, closedAttempts, parser);
    }

    /** The final answer came from a hop run elsewhere (the blocking codec); it described it already. */
    RequestOutcome answeredElsewhere(RequestOutcome hop) {
        return new RequestOutcome(hop.status(), null, sent, received, hop.detail(), closedAttempts);
    }

    RequestOutcome failed(ErrorKind kind, String detail) {
        return RequestOutcome.failure(kind, sent, received, detail).withClosedAttempts(closedAttempts);
    }

    /** Ends the request: nothing of it is kept for the next. */
    void end() {
        chain = null;
        first = null;
        onDetour = false;
    }

    RequestSpec spec() {
        return spec;
    }

    EncodedRequest request() {
        return request;
    }

    Origin to() {
        return to;
    }

    boolean onDetour() {
        return onDetour;
    }

    boolean wantLocation() {
        return wantLocation;
    }

    boolean reused() {
        return reused;
    }

    boolean resent() {
        return resent;
    }

    /** Whether any byte of this attempt reached the socket. */
    boolean wroteAny() {
        return written > 0;
    }
}
