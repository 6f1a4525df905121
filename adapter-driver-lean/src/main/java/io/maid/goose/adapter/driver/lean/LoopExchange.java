package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The request a {@link LeanLoopSession} has in flight: the spec and its send options, where its current hop
 * goes and on which connection, how far its bytes have been written, the redirect chain, the re-send made, the
 * bytes sent and received over all its hops and attempts, and what is captured of the response. One per
 * session, reset by {@link #begin}; nothing in it is allocated per request (a redirect chain is made only for a
 * redirected request, and a capture's copies only for a send that asked for them). {@link #end} lets go of
 * the request, so nothing of a request that is not reusable outlives its send.
 *
 * <p>A request's bytes are copied from its {@link EncodedRequest} (with the user's {@code Cookie} line
 * inserted) into the loop's direct write buffer and written from there, a piece at a time for requests
 * larger than it, so nothing is allocated per request and the channel needs no copy of its own.
 *
 * <p>Loop thread only.
 */
final class LoopExchange {
    /** {@link #readFrom}: the response is complete. */
    static final int COMPLETE = 1;
    /** {@link #readFrom}: more bytes are needed; wait for {@code OP_READ}. */
    static final int MORE = 0;

    private RequestSpec spec;
    private SendOptions options;
    /** Made on the first send that captures, then reused; null while none has. */
    private ResponseCapture capture;
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
    /** Nanoseconds its TLS handshakes took, or {@link RequestOutcome#NO_HANDSHAKE}. */
    private long handshakeNanos;

    /** A new request: no bytes, no hops, no re-send yet. */
    void begin(RequestSpec spec, SendOptions options) {
        this.spec = spec;
        this.options = options;
        if (options.captures()) {
            if (capture == null) {
                capture = new ResponseCapture();
            }
            capture.configure(options);
        }
        first = null;
        chain = null;
        closedAttempts = 0;
        sent = 0;
        received = 0;
        handshakeNanos = RequestOutcome.NO_HANDSHAKE;
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

    /**
     * Whether this hop goes once more after its attempt failed with {@code e}, having received
     * {@code answerBytes} of an answer ({@link Exchanges#afterFailure}); if so, the failed attempt is counted
     * as a request of its own when the rule says so.
     */
    boolean resendAfter(IOException e, long answerBytes) {
        Exchanges.Resend resend = Exchanges.afterFailure(reused, resent, written > 0, answerBytes, e);
        if (resend == Exchanges.Resend.NO) {
            return false;
        }
        resent = true;
        if (resend == Exchanges.Resend.COUNTED) {
            closedAttempts++;
        }
        return true;
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
        if (!connection.flushed()) {
            connection.awaitWritable(); // TLS records made of the last bytes, not all taken by the socket yet
            return false;
        }
        connection.written();
        return true;
    }

    /** The request is on the wire: the parser starts on its response. */
    void startRead(ResponseParser parser) {
        parser.begin(request.headRequest(), wantLocation, spec, options.captures() ? capture : null);
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
        parser.release();
        long got = parser.received();
        received += got;
        return got;
    }

    /** A connection this request opened shook hands, in {@code nanos}. */
    void shookHands(long nanos) {
        handshakeNanos = handshakeNanos < 0 ? nanos : handshakeNanos + nanos;
    }

    /**
     * The next hop, after a redirect {@code status} to {@code location}: then {@link #request()}, {@link #to()}
     * and {@link #onDetour()} say what goes where — on the session's own connection when it stays on
     * {@code home}, else on a detour. The redirect chain is made on the first redirect.
     *
     * @throws Failures.Classified as {@link RedirectChain#next} refuses a hop
     */
    void redirect(int status, String location, Origin home, TargetAllowList allowed) throws Failures.Classified {
        if (chain == null) {
            chain = new RedirectChain(home, first, spec, allowed);
        }
        EncodedRequest next = chain.next(status, location);
        hop(next, chain.sameOrigin() ? home : chain.to(), !chain.sameOrigin(), true);
    }

    RequestOutcome answered(int status, ResponseParser parser) {
        return Exchanges.answered(spec, status, sent, received, closedAttempts, parser,
                options.captures() ? capture.result() : null).withTlsHandshake(handshakeNanos);
    }

    RequestOutcome failed(ErrorKind kind, String detail) {
        return RequestOutcome.failure(kind, sent, received, detail).withClosedAttempts(closedAttempts)
                .withTlsHandshake(handshakeNanos);
    }

    /** Ends the request: nothing of it is kept for the next. */
    void end() {
        chain = null;
        first = null;
        request = null;
        spec = null;
        cookieLine = null;
        onDetour = false;
        if (capture != null) {
            capture.startHead(); // what a failed response left there is not kept either
        }
    }

    RequestSpec spec() {
        return spec;
    }

    SendOptions options() {
        return options;
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
}
