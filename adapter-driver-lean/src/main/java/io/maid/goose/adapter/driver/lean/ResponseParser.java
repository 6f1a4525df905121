package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one HTTP/1.1 response at a time as its bytes arrive, in whatever pieces, and throws its body away,
 * through one reusable buffer. Only what the transport acts on is kept: the status, whether the connection
 * may be reused, the {@code Set-Cookie} values and, on request, the {@code Location}. Nothing is allocated
 * per response unless one of those two headers is present.
 *
 * <h2>Use</h2>
 * Push: {@link #begin} a response, then repeatedly put bytes into the parser's own buffer — through
 * {@link #room()} (a channel read) or {@link #buffer()}/{@link #fillOffset()}/{@link #fillRoom()} (a stream
 * read) — and report them with {@link #filled(int)}, until it returns true; when the connection ends first,
 * call {@link #endOfStream()}, which either completes a response that runs to the end of the connection or
 * throws. There is always room for at least one byte while a response is incomplete. Pull:
 * {@link #read(InputStream, ResponseDeadline, boolean, boolean)} does exactly that over a blocking stream.
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
 * response's body is never copied.
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
    private static final int CHUNK_SIZE = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_END = 5;
    private static final int TRAILER_LINE = 6;
    private static final int UNTIL_CLOSE = 7;
    private static final int DONE = 8;

    private static final byte[] CONTENT_LENGTH = HeadBytes.ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = HeadBytes.ascii("transfer-encoding");
    private static final byte[] CONNECTION = HeadBytes.ascii("connection");
    private static final byte[] SET_COOKIE = HeadBytes.ascii("set-cookie");
    private static final byte[] LOCATION = HeadBytes.ascii("location");
    private static final byte[] CHUNKED = HeadBytes.ascii("chunked");
    private static final byte[] CLOSE = HeadBytes.ascii("close");
    private static final byte[] KEEP_ALIVE = HeadBytes.ascii("keep-alive");

    private final long maxBody;
    private final BodySample sample = new BodySample();
    private byte[] buf = new byte[INITIAL_BUFFER];
    private ByteBuffer view = ByteBuffer.wrap(buf);
    /** Unconsumed bytes are [pos, limit); a pending line has been searched for its LF up to {@code scan}. */
    private int pos;
    private int limit;
    private int scan;
    private long received;
    private int state = DONE;

    private boolean headRequest;
    private boolean wantLocation;
    /** The request being answered, for sampling; null for none. */
    private RequestSpec expect;
    /** Body bytes so far when the length was not known up front (chunked, or to the end of the connection). */
    private long bodyBytes;
    private int interim;
    private int emptyLines;
    private int headBytes;
    private int lineStart;
    private int lineEnd;
    /** Body or chunk bytes still to skip. */
    private long remaining;

    private int minor;
    private boolean close;
    private boolean transferEncoding;
    private boolean explicitKeepAlive;
    private long contentLength;
    private boolean chunked;

    private int status;
    private boolean keepAlive;
    private String location;
    private List<String> setCookies;

    /** A parser with the run config's default body limit. */
    ResponseParser() {
        this(RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxBodyBytes the largest body accepted */
    ResponseParser(long maxBodyBytes) {
        this.maxBody = maxBodyBytes;
    }

    /** {@link #begin(boolean, boolean, RequestSpec)} without sampling. */
    void begin(boolean headRequest, boolean wantLocation) {
        begin(headRequest, wantLocation, null);
    }

    /**
     * Starts a response; whatever was buffered from an earlier one is dropped.
     *
     * @param headRequest  whether it answers a HEAD request (then it has no body, whatever it says)
     * @param wantLocation whether to keep the {@code Location} header
     * @param expect       the request answered, whose success rule decides whether the body is sampled; or null
     */
    void begin(boolean headRequest, boolean wantLocation, RequestSpec expect) {
        this.headRequest = headRequest;
        this.wantLocation = wantLocation;
        this.expect = expect;
        pos = 0;
        limit = 0;
        scan = 0;
        received = 0;
        interim = 0;
        keepAlive = false;
        if (setCookies != null) {
            setCookies.clear();
        }
        startHead();
    }

    /** The buffer to put bytes into, at {@link #fillOffset()}, at most {@link #fillRoom()} of them. */
    byte[] buffer() {
        return buf;
    }

    int fillOffset() {
        return limit;
    }

    int fillRoom() {
        return buf.length - limit;
    }

    /** The free end of the buffer as a byte buffer to read into; report what was read with {@link #filled}. */
    ByteBuffer room() {
        view.limit(buf.length).position(limit);
        return view;
    }

    /**
     * Takes {@code n} more bytes, put into the buffer at {@link #fillOffset()}, and parses as far as they go.
     *
     * @return true when the response is complete; false when more bytes are needed
     * @throws MalformedResponseException when the bytes are not an HTTP/1.x response
     * @throws BodyTooLargeException      when the body is larger than the limit
     */
    boolean filled(int n) throws IOException {
        if (n < 0 || n > buf.length - limit) {
            throw new IllegalArgumentException("filled " + n + " bytes into room for " + (buf.length - limit));
        }
        limit += n;
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
        if (state == UNTIL_CLOSE) {
            keepAlive = false;
            state = DONE;
            return true;
        }
        throw new ResponseCutShortException(switch (state) {
            case STATUS_LINE -> received == 0
                    ? "the connection closed before any response byte arrived"
                    : "the connection closed in the middle of the response head";
            case HEADER_LINE -> "the connection closed in the middle of the response head";
            case BODY -> "the connection closed " + remaining + " bytes before the end of the body";
            case TRAILER_LINE -> "the connection closed in the middle of the trailer section";
            case DONE -> "the connection closed after the response";
            default -> "the connection closed in the middle of the chunked body";
        });
    }

    /**
     * Reads the next response to its end from a blocking stream.
     *
     * @param headRequest  whether it answers a HEAD request
     * @param wantLocation whether to keep the {@code Location} header
     * @param expect       the request answered, for sampling (see {@link #begin(boolean, boolean, RequestSpec)})
     * @return the final (non-1xx) status
     * @throws MalformedResponseException when the bytes are not an HTTP/1.x response
     * @throws ResponseCutShortException  when the stream ended before the response did
     * @throws BodyTooLargeException      when the body is larger than the limit
     * @throws IOException                whatever the stream throws (timeouts, resets)
     */
    int read(InputStream in, boolean headRequest, boolean wantLocation, RequestSpec expect) throws IOException {
        begin(headRequest, wantLocation, expect);
        while (true) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n > 0) {
                if (filled(n)) {
                    return status;
                }
            } else if (n < 0) {
                endOfStream();
                return status;
            }
        }
    }

    /** Bytes taken for the current (or last) response. */
    long received() {
        return received;
    }

    /** The final status of the last complete response. */
    int status() {
        return status;
    }

    /** Whether the last response leaves the connection reusable. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The last response's {@code Location}, when asked for and present; else null. */
    String location() {
        return location;
    }

    /** The last response's {@code Set-Cookie} values, in order; empty when it set none. */
    List<String> setCookies() {
        return setCookies == null ? List.of() : setCookies;
    }

    /**
     * The last response described for an outcome: {@code HTTP <status>}, with the start of its body when it
     * was sampled. Allocates; call only for a status the request does not count as success.
     */
    String describe() {
        return sample.describe(status);
    }

    /** The buffer's current capacity (for tests of the memory bound). */
    int bufferCapacity() {
        return buf.length;
    }

    // ---- the state machine -----------------------------------------------------------------------------

    private boolean advance() throws IOException {
        while (true) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int take = (int) Math.min(limit - pos, remaining);
                    sample.offer(buf, pos, take);
                    pos += take;
                    remaining -= take;
                    if (remaining > 0) {
                        makeRoom();
                        return false;
                    }
                    if (state == BODY) {
                        return complete();
                    }
                    state = CHUNK_END;
                }
                case UNTIL_CLOSE -> {
                    sample.offer(buf, pos, limit - pos);
                    bodyBytes += limit - pos;
                    if (bodyBytes > maxBody) {
                        throw tooLarge("the response body ran past");
                    }
                    pos = limit;
                    makeRoom();
                    return false;
                }
                case DONE -> {
                    return complete();
                }
                default -> {
                    if (!nextLine()) {
                        makeRoom();
                        return false;
                    }
                    if (onLine()) {
                        return complete();
                    }
                }
            }
        }
    }

    /** Handles the line just found; true when it completed the response. */
    private boolean onLine() throws IOException {
        boolean empty = lineEnd == lineStart;
        switch (state) {
            case STATUS_LINE -> {
                if (empty) {
                    // RFC 9112 §2.2: a client should ignore empty lines before the status line.
                    if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
                        throw new MalformedResponseException("empty lines where the status line should be");
                    }
                } else {
                    parseStatusLine();
                    state = HEADER_LINE;
                }
                return false;
            }
            case HEADER_LINE -> {
                if (empty) {
                    return endOfHead();
                }
                header();
                return false;
            }
            case CHUNK_SIZE -> {
                long size = parseChunkSize();
                bodyBytes += size;
                if (bodyBytes > maxBody) {
                    throw tooLarge("the chunked response body runs past");
                }
                if (size == 0) {
                    headBytes = 0;
                    state = TRAILER_LINE;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
                return false;
            }
            case CHUNK_END -> {
                if (!empty) {
                    throw new MalformedResponseException("chunk data not followed by CRLF");
                }
                state = CHUNK_SIZE;
                return false;
            }
            default -> {
                return empty; // trailer fields are read and ignored, up to the empty line
            }
        }
    }

    private void startHead() {
        state = STATUS_LINE;
        contentLength = -1;
        chunked = false;
        close = false;
        transferEncoding = false;
        explicitKeepAlive = false;
        location = null;
        headBytes = 0;
        emptyLines = 0;
        bodyBytes = 0;
        sample.reset(false);
    }

    /** The head ended: decides the framing; true when the response has no body. */
    private boolean endOfHead() throws IOException {
        boolean untilClose = false;
        if (transferEncoding) {
            untilClose = !chunked;
            if (contentLength >= 0) {
                // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length, and the connection must close after.
                close = true;
                contentLength = -1;
            }
        } else if (contentLength < 0) {
            untilClose = true;
        }
        keepAlive = minor == 0 ? explicitKeepAlive && !close : !close;
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
        if (headRequest || status == 204 || status == 304) {
            return true; // no body, whatever the framing headers say
        }
        sample.reset(expect != null && !expect.isSuccess(status));
        if (!chunked && !untilClose && contentLength > maxBody) {
            throw new BodyTooLargeException("the response announces a body of " + contentLength
                    + " bytes, more than max_response_bytes (" + maxBody + ")");
        }
        if (chunked) {
            state = CHUNK_SIZE;
        } else if (untilClose) {
            keepAlive = false;
            state = UNTIL_CLOSE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = BODY;
        } else {
            return true;
        }
        return false;
    }

    private boolean complete() {
        if (limit > pos) {
            // Bytes nobody asked for: the connection no longer tells where a response starts.
            keepAlive = false;
            pos = limit;
        }
        state = DONE;
        return true;
    }

    private void header() throws MalformedResponseException {
        if (buf[lineStart] == ' ' || buf[lineStart] == '\t') {
            return; // obsolete line folding: RFC 9112 §5.2 allows discarding it
        }
        int colon = HeadBytes.indexOf(buf, lineStart, lineEnd, (byte) ':');
        if (colon <= lineStart) {
            throw new MalformedResponseException("header line without a name and colon: " + lineText());
        }
        int valueStart = colon + 1;
        int valueEnd = lineEnd;
        while (valueStart < valueEnd && HeadBytes.isBlank(buf[valueStart])) {
            valueStart++;
        }
        while (valueEnd > valueStart && HeadBytes.isBlank(buf[valueEnd - 1])) {
            valueEnd--;
        }
        int nameLength = colon - lineStart;
        if (nameMatches(CONTENT_LENGTH, nameLength)) {
            long length = parseContentLength(valueStart, valueEnd);
            if (contentLength >= 0 && contentLength != length) {
                throw new MalformedResponseException("conflicting Content-Length headers");
            }
            contentLength = length;
        } else if (nameMatches(TRANSFER_ENCODING, nameLength)) {
            transferEncoding = true;
            chunked = HeadBytes.endsWithToken(buf, valueStart, valueEnd, CHUNKED);
        } else if (nameMatches(CONNECTION, nameLength)) {
            if (HeadBytes.containsToken(buf, valueStart, valueEnd, CLOSE)) {
                close = true;
                explicitKeepAlive = false;
            } else if (HeadBytes.containsToken(buf, valueStart, valueEnd, KEEP_ALIVE) && minor == 0) {
                explicitKeepAlive = true;
            }
        } else if (nameMatches(SET_COOKIE, nameLength)) {
            if (setCookies == null) {
                setCookies = new ArrayList<>(2);
            }
            setCookies.add(new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
        } else if (wantLocation && nameMatches(LOCATION, nameLength)) {
            location = new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
    }

    /** Parses {@code HTTP/1.x SSS[ reason]}. */
    private void parseStatusLine() throws MalformedResponseException {
        int s = lineStart;
        int length = lineEnd - s;
        if (length < 12 || buf[s] != 'H' || buf[s + 1] != 'T' || buf[s + 2] != 'T' || buf[s + 3] != 'P'
                || buf[s + 4] != '/' || buf[s + 5] != '1' || buf[s + 6] != '.' || !HeadBytes.isDigit(buf[s + 7])
                || buf[s + 8] != ' ' || !HeadBytes.isDigit(buf[s + 9]) || !HeadBytes.isDigit(buf[s + 10]) || !HeadBytes.isDigit(buf[s + 11])
                || (length > 12 && buf[s + 12] != ' ')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: " + lineText());
        }
        status = (buf[s + 9] - '0') * 100 + (buf[s + 10] - '0') * 10 + (buf[s + 11] - '0');
        if (status < 100) {
            throw new MalformedResponseException("status code below 100: " + lineText());
        }
        minor = buf[s + 7] - '0';
    }

    private long parseContentLength(int from, int to) throws MalformedResponseException {
        if (from == to) {
            throw new MalformedResponseException("empty Content-Length");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!HeadBytes.isDigit(b) || value > (Long.MAX_VALUE - 9) / 10) {
                throw new MalformedResponseException("invalid Content-Length: " + lineText());
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private long parseChunkSize() throws MalformedResponseException {
        long size = 0;
        int digits = 0;
        int i = lineStart;
        for (; i < lineEnd; i++) {
            int d = HeadBytes.hexValue(buf[i]);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                throw new MalformedResponseException("chunk size too large: " + lineText());
            }
            size = (size << 4) | d;
        }
        while (i < lineEnd && HeadBytes.isBlank(buf[i])) {
            i++;
        }
        if (digits == 0 || (i < lineEnd && buf[i] != ';')) {
            throw new MalformedResponseException("invalid chunk size line: " + lineText());
        }
        return size;
    }

    // ---- lines and buffer ------------------------------------------------------------------------------

    /**
     * Finds the next complete line: sets {@link #lineStart}/{@link #lineEnd} (without CR LF) and moves past
     * it. False when the buffered bytes hold no complete line yet; the search resumes where it stopped.
     */
    private boolean nextLine() throws MalformedResponseException {
        byte[] b = buf;
        int end = limit;
        for (int i = Math.max(scan, pos); i < end; i++) {
            if (b[i] == '\n') {
                lineStart = pos;
                lineEnd = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                if (state == STATUS_LINE || state == HEADER_LINE || state == TRAILER_LINE) {
                    headBytes += i + 1 - pos;
                    if (headBytes > MAX_HEAD) {
                        throw new MalformedResponseException("response head longer than " + MAX_HEAD + " bytes");
                    }
                }
                pos = i + 1;
                scan = pos;
                return true;
            }
        }
        scan = end;
        return false;
    }

    /**
     * Makes room for the next bytes: starts over when everything was consumed (growing once for a large
     * body), else moves the pending partial line to the front, growing the buffer only for a line longer
     * than it.
     */
    private void makeRoom() throws MalformedResponseException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
            scan = 0;
            if ((state == BODY || state == CHUNK_DATA) && remaining > buf.length && buf.length < BODY_BUFFER) {
                setBuffer(new byte[BODY_BUFFER]);
            }
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            scan -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new MalformedResponseException("a response line is longer than " + MAX_LINE + " bytes");
            }
            byte[] grown = new byte[Math.min(MAX_LINE, buf.length * 2)];
            System.arraycopy(buf, 0, grown, 0, limit);
            setBuffer(grown);
        }
    }

    private void setBuffer(byte[] b) {
        buf = b;
        view = ByteBuffer.wrap(b);
    }

    private boolean nameMatches(byte[] lowerName, int length) {
        return HeadBytes.nameMatches(buf, lineStart, length, lowerName);
    }

    private String lineText() {
        return HeadBytes.excerpt(buf, lineStart, lineEnd);
    }

    private BodyTooLargeException tooLarge(String what) {
        return new BodyTooLargeException(what + " max_response_bytes (" + maxBody + " bytes)");
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
