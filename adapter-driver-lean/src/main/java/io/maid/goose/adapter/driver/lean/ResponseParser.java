package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Parses one HTTP/1.1 response at a time as its bytes arrive, in whatever pieces, and throws its body away,
 * through one reusable buffer ({@link ResponseBuffer}): the head's lines are read here, what they say by
 * {@link ResponseHead}, and the body is framed by {@link ResponseBody}. Only what the transport acts on is kept: the status, whether the connection may be
 * reused, the {@code Set-Cookie} values and, on request, the {@code Location}. Nothing is allocated per
 * response unless one of those two headers is present, or the send asked for a {@link ResponseCapture}.
 *
 * <h2>Use</h2>
 * Push: {@link #begin} a response, then repeatedly put bytes into the parser's own buffer — through
 * {@link #room()} (a channel read) or {@link #buffer()}/{@link #fillOffset()}/{@link #fillRoom()} (a stream
 * read) — and report them with {@link #filled(int)}, until it returns true; when the connection ends first,
 * call {@link #endOfStream()}, which either completes a response that runs to the end of the connection or
 * throws. There is always room for at least one byte while a response is incomplete. Pull:
 * {@link #read} does exactly that over a blocking stream.
 *
 * <h2>Framing</h2>
 * RFC 9112 §6.3: no body for {@code HEAD}, 1xx, 204 and 304; else {@code Transfer-Encoding} (chunked, with
 * extensions and trailers; any other final coding is read to the end of the connection, and a
 * {@code Content-Length} next to it is ignored and makes the connection close afterwards); else
 * {@code Content-Length} (differing values are malformed); else the body runs to the end of the connection.
 * Interim 1xx responses are skipped (at most {@value #MAX_INTERIM}); {@code 101} is malformed, since nothing
 * asked to switch protocols. HTTP/1.0 responses keep the connection only with {@code Connection: keep-alive}.
 * Obsolete folded header lines are ignored, up to {@value #MAX_LEADING_EMPTY_LINES} empty lines before the
 * status line are skipped. Bytes that arrive after the end of a response were not asked for, so they make the
 * connection unusable: they are dropped and the connection is marked not reusable.
 *
 * <p>Limits: a line (status, header, chunk size) of at most {@value #MAX_LINE} bytes, and at most
 * {@value #MAX_HEAD} bytes in one response head or trailer section; beyond them the response is malformed.
 * A body larger than the parser's body limit ({@code max_response_bytes}) throws
 * {@link BodyTooLargeException}: at once when its {@code Content-Length} or a chunk size says so, else as soon
 * as the bytes that ran to the end of the connection pass it.
 *
 * <p>Samples: when {@link #begin} was given the request and the final status is one the request does not
 * count as success, the first bytes of the (decoded) body are kept for {@link #describe()}; a successful
 * response's body is never copied unless the send captures it.
 *
 * <p>Capture: when {@link #begin} was given a {@link ResponseCapture}, it gets every header line of the final
 * response and its body bytes as framed (de-chunked); the body is still read to its end and counted.
 *
 * <p>{@link #received()} is every byte handed to the parser since {@link #begin}, framing included, so it is
 * exact per request on a kept-alive connection.
 *
 * <p>Single-threaded: owned by one session.
 */
final class ResponseParser {
    /** A fresh buffer's size: room for a typical response head, small enough for 100,000 users. */
    static final int INITIAL_BUFFER = 2048;
    /** The buffer grows to this once a body larger than the buffer has to be skipped. */
    static final int BODY_BUFFER = 16 * 1024;
    /** The longest single line (status, header, chunk size) accepted. */
    static final int MAX_LINE = 64 * 1024;
    /** The most header bytes accepted in one response head or trailer section. */
    static final int MAX_HEAD = 256 * 1024;
    private static final int MAX_INTERIM = 16;
    private static final int MAX_LEADING_EMPTY_LINES = 4;

    private static final int STATUS_LINE = 0;
    private static final int HEADER_LINE = 1;
    private static final int BODY = 2;
    private static final int DONE = 3;

    private final BodySample sample = new BodySample();
    private final ResponseHead head = new ResponseHead();
    private final ResponseBuffer in = new ResponseBuffer();
    private final ResponseBody body;
    private long received;
    private int state = DONE;

    private boolean headRequest;
    /** The request being answered, for sampling; null for none, and once the response is complete. */
    private RequestSpec expect;
    /** What the send keeps of the response; null for nothing. */
    private ResponseCapture capture;
    private int interim;
    private int emptyLines;
    private int headBytes;
    private boolean keepAlive;

    /** A parser with the run config's default body limit. */
    ResponseParser() {
        this(RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxBodyBytes the largest body accepted */
    ResponseParser(long maxBodyBytes) {
        this.body = new ResponseBody(maxBodyBytes, sample);
    }

    /** {@link #begin(boolean, boolean, RequestSpec, ResponseCapture)} without sampling or capture. */
    void begin(boolean headRequest, boolean wantLocation) {
        begin(headRequest, wantLocation, null, null);
    }

    /** {@link #begin(boolean, boolean, RequestSpec, ResponseCapture)} without capture. */
    void begin(boolean headRequest, boolean wantLocation, RequestSpec expect) {
        begin(headRequest, wantLocation, expect, null);
    }

    /**
     * Starts a response; whatever was buffered from an earlier one is dropped.
     *
     * @param headRequest  whether it answers a HEAD request (then it has no body, whatever it says)
     * @param wantLocation whether to keep the {@code Location} header
     * @param expect       the request answered, whose success rule decides whether the body is sampled; or null
     * @param capture      what keeps the response's headers and body for the send; or null for nothing
     */
    void begin(boolean headRequest, boolean wantLocation, RequestSpec expect, ResponseCapture capture) {
        this.headRequest = headRequest;
        this.expect = expect;
        this.capture = capture;
        in.clear();
        received = 0;
        interim = 0;
        keepAlive = false;
        head.begin(wantLocation);
        startHead();
    }

    /** The buffer to put bytes into, at {@link #fillOffset()}, at most {@link #fillRoom()} of them. */
    byte[] buffer() {
        return in.array();
    }

    int fillOffset() {
        return in.fillOffset();
    }

    int fillRoom() {
        return in.fillRoom();
    }

    /** The free end of the buffer as a byte buffer to read into; report what was read with {@link #filled}. */
    ByteBuffer room() {
        return in.room();
    }

    /**
     * Takes {@code n} more bytes, put into the buffer at {@link #fillOffset()}, and parses as far as they go.
     *
     * @return true when the response is complete; false when more bytes are needed
     * @throws MalformedResponseException when the bytes are not an HTTP/1.x response
     * @throws BodyTooLargeException      when the body is larger than the limit
     */
    boolean filled(int n) throws IOException {
        in.filled(n);
        received += n;
        return advance();
    }

    /**
     * The connection ended: completes a response that runs to the end of the connection.
     *
     * @return true (the response is complete) when it ran to the end of the connection
     * @throws ResponseCutShortException when the response was not complete
     */
    boolean endOfStream() throws ResponseCutShortException {
        if (state == BODY && body.endOfStream()) {
            keepAlive = false;
            state = DONE;
            return true;
        }
        throw new ResponseCutShortException(switch (state) {
            case STATUS_LINE -> received == 0
                    ? "the connection closed before any response byte arrived"
                    : "the connection closed in the middle of the response head";
            case HEADER_LINE -> "the connection closed in the middle of the response head";
            case BODY -> body.cutShort();
            default -> "the connection closed after the response";
        });
    }

    /**
     * Reads the next response to its end from a blocking stream.
     *
     * @param headRequest  whether it answers a HEAD request
     * @param wantLocation whether to keep the {@code Location} header
     * @param expect       the request answered, for sampling (see {@link #begin(boolean, boolean, RequestSpec, ResponseCapture)})
     * @param capture      what keeps the response for the send, or null
     * @return the final (non-1xx) status
     * @throws MalformedResponseException when the bytes are not an HTTP/1.x response
     * @throws ResponseCutShortException  when the stream ended before the response did
     * @throws BodyTooLargeException      when the body is larger than the limit
     * @throws IOException                whatever the stream throws (timeouts, resets)
     */
    int read(InputStream stream, boolean headRequest, boolean wantLocation, RequestSpec expect,
             ResponseCapture capture) throws IOException {
        begin(headRequest, wantLocation, expect, capture);
        while (true) {
            int n = stream.read(in.array(), in.fillOffset(), in.fillRoom());
            if (n > 0) {
                if (filled(n)) {
                    return head.status();
                }
            } else if (n < 0) {
                endOfStream();
                return head.status();
            }
        }
    }

    /** Bytes taken for the current (or last) response. */
    long received() {
        return received;
    }

    /** The final status of the last complete response. */
    int status() {
        return head.status();
    }

    /** Whether the last response leaves the connection reusable. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The last response's {@code Location}, when asked for and present; else null. */
    String location() {
        return head.location();
    }

    /** The last response's {@code Set-Cookie} values, in order; empty when it set none. */
    List<String> setCookies() {
        return head.setCookies();
    }

    /**
     * The last response described for an outcome: {@code HTTP <status>}, with the start of its body when it
     * was sampled. Allocates; call only for a status the request does not count as success.
     */
    String describe() {
        return sample.describe(head.status());
    }

    /**
     * Lets go of the request answered and of the send's capture: after a response that failed midway, the
     * parser keeps nothing of either until the next {@link #begin} (a complete response lets go by itself).
     */
    void release() {
        expect = null;
        capture = null;
    }

    /** The buffer's current capacity (for tests of the memory bound). */
    int bufferCapacity() {
        return in.capacity();
    }

    // ---- the head ---------------------------------------------------------------------------------------

    private boolean advance() throws IOException {
        while (true) {
            if (state == BODY) {
                return body.advance(in) && complete();
            }
            if (state == DONE) {
                return complete();
            }
            int length = in.nextLine();
            if (length < 0) {
                in.makeRoom(0);
                return false;
            }
            headBytes += length;
            if (headBytes > MAX_HEAD) {
                throw new MalformedResponseException("response head longer than " + MAX_HEAD + " bytes");
            }
            if (onLine()) {
                return complete();
            }
        }
    }

    /** Handles the head line just found; true when it completed the response. */
    private boolean onLine() throws IOException {
        boolean empty = in.lineEmpty();
        if (state == HEADER_LINE) {
            if (empty) {
                return endOfHead();
            }
            head.header(in.array(), in.lineStart(), in.lineEnd(), capture);
        } else if (!empty) {
            head.statusLine(in.array(), in.lineStart(), in.lineEnd());
            state = HEADER_LINE;
        } else if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
            // RFC 9112 §2.2: a client should ignore empty lines before the status line (a few of them).
            throw new MalformedResponseException("empty lines where the status line should be");
        }
        return false;
    }

    private void startHead() {
        state = STATUS_LINE;
        head.start();
        headBytes = 0;
        emptyLines = 0;
        sample.reset(false);
        if (capture != null) {
            capture.startHead();
        }
    }

    /** The head ended: decides the framing; true when the response has no body. */
    private boolean endOfHead() throws IOException {
        int framing = head.framing();
        keepAlive = head.keepAlive();
        int status = head.status();
        if (status < 200) {
            if (status == 101) {
                throw new MalformedResponseException("101 Switching Protocols without an upgrade request");
            }
            if (interim == MAX_INTERIM) {
                throw new MalformedResponseException("more than " + MAX_INTERIM + " interim (1xx) responses");
            }
            interim++;
            startHead();
            return false;
        }
        if (headRequest || status == 204 || status == 304 || framing == ResponseHead.NO_BODY) {
            return true; // no body, whatever the framing headers say
        }
        sample.reset(expect != null && !expect.isSuccess(status));
        body.start(framing, head.contentLength(), capture);
        if (framing == ResponseHead.UNTIL_CLOSE) {
            keepAlive = false;
        }
        state = BODY;
        return false;
    }

    private boolean complete() {
        if (in.dropRest()) {
            keepAlive = false; // bytes nobody asked for: the connection no longer tells where a response starts
        }
        state = DONE;
        release(); // nothing of a request is kept past its response
        return true;
    }

    /** The peer's bytes are not an HTTP/1.x response. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** The body is larger than the parser's limit; the connection must not be used again. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** The connection ended before the response did. */
    static final class ResponseCutShortException extends EOFException {
        ResponseCutShortException(String message) {
            super(message);
        }
    }
}
