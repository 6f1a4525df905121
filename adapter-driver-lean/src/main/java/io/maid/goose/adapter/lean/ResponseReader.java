package io.maid.goose.adapter.lean;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one HTTP/1.1 response at a time from a connection and throws its body away, through one reusable
 * buffer. Only what the transport acts on is kept: the status, whether the connection may be reused, the
 * {@code Set-Cookie} values and, on request, the {@code Location}. Nothing is allocated per response unless
 * one of those two headers is present.
 *
 * <p>Framing follows RFC 9112 §6.3: no body for {@code HEAD}, 1xx, 204 and 304; else
 * {@code Transfer-Encoding} (chunked, with extensions and trailers; any other final coding is read to the
 * end of the connection); else {@code Content-Length}; else the body runs to the end of the connection.
 * Interim 1xx responses are skipped. Bytes that arrive after the end of a response were not asked for, so
 * they make the connection unusable: they are dropped and the connection is marked not reusable.
 *
 * <p>{@link #received()} is every byte read from the stream since {@link #attach} or the last
 * {@link #read} began, framing included, so it is exact per request on a kept-alive connection.
 *
 * <p>Single-threaded: owned by one session.
 */
final class ResponseReader {
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

    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] SET_COOKIE = ascii("set-cookie");
    private static final byte[] LOCATION = ascii("location");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private InputStream in;
    private ResponseDeadline deadline;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private long received;

    private int lineStart;
    private int lineEnd;
    private int headBytes;

    private int status;
    private boolean keepAlive;
    private long contentLength;
    private boolean chunked;
    private boolean untilClose;
    private String location;
    private List<String> setCookies;

    /**
     * Starts reading from a connection; anything buffered from an earlier one is dropped.
     *
     * @param deadline re-armed after every read that brings bytes, or null for none
     */
    void attach(InputStream stream, ResponseDeadline deadline) {
        this.in = stream;
        this.deadline = deadline;
        pos = 0;
        limit = 0;
        received = 0;
    }

    /** Forgets the connection, keeping the buffer for the next one. */
    void detach() {
        this.in = null;
        pos = 0;
        limit = 0;
    }

    /**
     * Reads the next response to its end.
     *
     * @param headRequest   whether it answers a HEAD request (then it has no body, whatever it says)
     * @param wantLocation  whether to keep the {@code Location} header
     * @return the final (non-1xx) status
     * @throws MalformedResponseException when the bytes are not an HTTP/1.x response
     * @throws ResponseCutShortException  when the connection ended before the response did
     * @throws IOException                whatever the stream throws (timeouts, resets)
     */
    int read(boolean headRequest, boolean wantLocation) throws IOException {
        received = 0;
        if (setCookies != null) {
            setCookies.clear();
        }
        for (int interim = 0; ; interim++) {
            readHead(wantLocation);
            if (status >= 200) {
                break;
            }
            if (status == 101) {
                throw new MalformedResponseException("101 Switching Protocols without an upgrade request");
            }
            if (interim == MAX_INTERIM) {
                throw new MalformedResponseException("more than " + MAX_INTERIM + " interim (1xx) responses");
            }
        }
        if (headRequest || status == 204 || status == 304) {
            // no body, whatever the framing headers say
        } else if (chunked) {
            readChunkedBody();
        } else if (untilClose) {
            readToEndOfStream();
            keepAlive = false;
        } else if (contentLength > 0) {
            skip(contentLength);
        }
        if (limit > pos) {
            // Bytes nobody asked for: the connection no longer tells where a response starts.
            keepAlive = false;
            pos = limit;
        }
        return status;
    }

    /** Bytes read from the stream for the current (or last) response. */
    long received() {
        return received;
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

    /** The buffer's current capacity (for tests of the memory bound). */
    int bufferCapacity() {
        return buf.length;
    }

    // ---- head ------------------------------------------------------------------------------------------

    private void readHead(boolean wantLocation) throws IOException {
        contentLength = -1;
        chunked = false;
        untilClose = false;
        location = null;
        headBytes = 0;
        int emptyLines = 0;
        nextLine();
        while (lineEnd == lineStart) {
            // RFC 9112 §2.2: a client should ignore empty lines before the status line.
            if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
                throw new MalformedResponseException("empty lines where the status line should be");
            }
            nextLine();
        }
        int minor = parseStatusLine();
        boolean close = false;
        boolean transferEncoding = false;
        boolean explicitKeepAlive = false;
        while (true) {
            nextLine();
            if (lineEnd == lineStart) {
                break;
            }
            if (buf[lineStart] == ' ' || buf[lineStart] == '\t') {
                continue; // obsolete line folding: RFC 9112 §5.2 allows discarding it
            }
            int colon = indexOf(lineStart, lineEnd, (byte) ':');
            if (colon <= lineStart) {
                throw new MalformedResponseException("header line without a name and colon: " + lineText());
            }
            int nameEnd = colon;
            int valueStart = colon + 1;
            int valueEnd = lineEnd;
            while (valueStart < valueEnd && isBlank(buf[valueStart])) {
                valueStart++;
            }
            while (valueEnd > valueStart && isBlank(buf[valueEnd - 1])) {
                valueEnd--;
            }
            int nameLength = nameEnd - lineStart;
            if (nameMatches(CONTENT_LENGTH, nameLength)) {
                long length = parseContentLength(valueStart, valueEnd);
                if (contentLength >= 0 && contentLength != length) {
                    throw new MalformedResponseException("conflicting Content-Length headers");
                }
                contentLength = length;
            } else if (nameMatches(TRANSFER_ENCODING, nameLength)) {
                transferEncoding = true;
                chunked = endsWithToken(valueStart, valueEnd, CHUNKED);
            } else if (nameMatches(CONNECTION, nameLength)) {
                if (containsToken(valueStart, valueEnd, CLOSE)) {
                    close = true;
                    explicitKeepAlive = false;
                } else if (containsToken(valueStart, valueEnd, KEEP_ALIVE) && minor == 0) {
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
    }

    /** Parses {@code HTTP/1.x SSS[ reason]} and returns x. */
    private int parseStatusLine() throws MalformedResponseException {
        int s = lineStart;
        int length = lineEnd - s;
        if (length < 12 || buf[s] != 'H' || buf[s + 1] != 'T' || buf[s + 2] != 'T' || buf[s + 3] != 'P'
                || buf[s + 4] != '/' || buf[s + 5] != '1' || buf[s + 6] != '.' || !isDigit(buf[s + 7])
                || buf[s + 8] != ' ' || !isDigit(buf[s + 9]) || !isDigit(buf[s + 10]) || !isDigit(buf[s + 11])
                || (length > 12 && buf[s + 12] != ' ')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: " + lineText());
        }
        status = (buf[s + 9] - '0') * 100 + (buf[s + 10] - '0') * 10 + (buf[s + 11] - '0');
        if (status < 100) {
            throw new MalformedResponseException("status code below 100: " + lineText());
        }
        return buf[s + 7] - '0';
    }

    private long parseContentLength(int from, int to) throws MalformedResponseException {
        if (from == to) {
            throw new MalformedResponseException("empty Content-Length");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!isDigit(b) || value > (Long.MAX_VALUE - 9) / 10) {
                throw new MalformedResponseException("invalid Content-Length: " + lineText());
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    // ---- bodies ----------------------------------------------------------------------------------------

    private void readChunkedBody() throws IOException {
        while (true) {
            nextLine();
            long size = parseChunkSize();
            if (size == 0) {
                break;
            }
            skip(size);
            nextLine();
            if (lineEnd != lineStart) {
                throw new MalformedResponseException("chunk data not followed by CRLF");
            }
        }
        headBytes = 0;
        do {
            nextLine(); // trailer fields, read and ignored, up to the empty line
        } while (lineEnd != lineStart);
    }

    private long parseChunkSize() throws MalformedResponseException {
        long size = 0;
        int digits = 0;
        int i = lineStart;
        for (; i < lineEnd; i++) {
            int d = hexValue(buf[i]);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                throw new MalformedResponseException("chunk size too large: " + lineText());
            }
            size = (size << 4) | d;
        }
        while (i < lineEnd && isBlank(buf[i])) {
            i++;
        }
        if (digits == 0 || (i < lineEnd && buf[i] != ';')) {
            throw new MalformedResponseException("invalid chunk size line: " + lineText());
        }
        return size;
    }

    /** Consumes {@code n} body bytes, from the buffer first, then straight from the stream. */
    private void skip(long n) throws IOException {
        while (n > 0) {
            int available = limit - pos;
            if (available == 0) {
                pos = 0;
                limit = 0;
                if (n > buf.length && buf.length < BODY_BUFFER) {
                    buf = new byte[BODY_BUFFER];
                }
                if (fill() < 0) {
                    throw new ResponseCutShortException("the connection closed " + n + " bytes before the end of the body");
                }
                continue;
            }
            int take = (int) Math.min(available, n);
            pos += take;
            n -= take;
        }
    }

    private void readToEndOfStream() throws IOException {
        do {
            pos = 0;
            limit = 0;
        } while (fill() >= 0);
    }

    // ---- lines and buffer ------------------------------------------------------------------------------

    /** Sets {@link #lineStart}/{@link #lineEnd} to the next line (without CR LF) and moves past it. */
    private void nextLine() throws IOException {
        int scanFrom = pos;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    headBytes += i + 1 - pos;
                    if (headBytes > MAX_HEAD) {
                        throw new MalformedResponseException("response head longer than " + MAX_HEAD + " bytes");
                    }
                    pos = i + 1;
                    return;
                }
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                if (buf.length >= MAX_LINE) {
                    throw new MalformedResponseException("a response line is longer than " + MAX_LINE + " bytes");
                }
                byte[] grown = new byte[Math.min(MAX_LINE, buf.length * 2)];
                System.arraycopy(buf, 0, grown, 0, limit);
                buf = grown;
            }
            scanFrom = limit;
            if (fill() < 0) {
                throw new ResponseCutShortException(received == 0
                        ? "the connection closed before any response byte arrived"
                        : "the connection closed in the middle of the response head");
            }
        }
    }

    /** Reads what the stream has into the free end of the buffer; -1 at its end. */
    private int fill() throws IOException {
        int n;
        do {
            n = in.read(buf, limit, buf.length - limit);
        } while (n == 0);
        if (n > 0) {
            limit += n;
            received += n;
            if (deadline != null) {
                deadline.arm();
            }
        }
        return n;
    }

    private boolean nameMatches(byte[] lowerName, int length) {
        if (length != lowerName.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(buf[lineStart + i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated list in [from, to) has {@code token} as its last element. */
    private boolean endsWithToken(int from, int to, byte[] token) {
        int start = to - token.length;
        if (start < from || !regionMatches(start, token)) {
            return false;
        }
        int i = start - 1;
        while (i >= from && isBlank(buf[i])) {
            i--;
        }
        return i < from || buf[i] == ',';
    }

    /** Whether the comma-separated list in [from, to) contains {@code token}. */
    private boolean containsToken(int from, int to, byte[] token) {
        int i = from;
        while (i < to) {
            while (i < to && (isBlank(buf[i]) || buf[i] == ',')) {
                i++;
            }
            int start = i;
            while (i < to && buf[i] != ',') {
                i++;
            }
            int end = i;
            while (end > start && isBlank(buf[end - 1])) {
                end--;
            }
            if (end - start == token.length && regionMatches(start, token)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(int at, byte[] lowerToken) {
        for (int i = 0; i < lowerToken.length; i++) {
            if (lower(buf[at + i]) != lowerToken[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The current line for an error message: at most 80 characters, control characters shown as '?'. */
    private String lineText() {
        int end = Math.min(lineEnd, lineStart + 80);
        StringBuilder text = new StringBuilder(end - lineStart + 2).append('\'');
        for (int i = lineStart; i < end; i++) {
            char c = (char) (buf[i] & 0xff);
            text.append(c < ' ' || c >= 0x7f ? '?' : c);
        }
        return text.append(lineEnd > end ? "...'" : "'").toString();
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The peer's bytes are not an HTTP/1.x response. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
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
