package io.maid.goose.adapter.driver.lean;

import io.maid.goose.adapter.driver.lean.ResponseParser.MalformedResponseException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of one response as {@link ResponseParser} reads it line by line: the status line, and of the header
 * fields only what the transport acts on — the framing ({@code Content-Length}, {@code Transfer-Encoding}),
 * whether the connection may be reused ({@code Connection}, the HTTP version), the {@code Set-Cookie} values and,
 * on request, the {@code Location}. Every field line goes to the send's {@link ResponseCapture} as well, when it
 * has one. Nothing is allocated per head unless one of those two headers is present or headers are captured.
 *
 * <p>Single-threaded: owned by one parser.
 */
final class ResponseHead {
    /** {@link #framing()}: no body follows the head. */
    static final int NO_BODY = 0;
    /** {@link #framing()}: a body of {@link #contentLength()} bytes. */
    static final int LENGTH = 1;
    /** {@link #framing()}: a chunked body. */
    static final int CHUNKED = 2;
    /** {@link #framing()}: a body that runs to the end of the connection. */
    static final int UNTIL_CLOSE = 3;

    private static final byte[] CONTENT_LENGTH = HeadBytes.ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = HeadBytes.ascii("transfer-encoding");
    private static final byte[] CONNECTION = HeadBytes.ascii("connection");
    private static final byte[] SET_COOKIE = HeadBytes.ascii("set-cookie");
    private static final byte[] LOCATION = HeadBytes.ascii("location");
    private static final byte[] CHUNKED_TOKEN = HeadBytes.ascii("chunked");
    private static final byte[] CLOSE = HeadBytes.ascii("close");
    private static final byte[] KEEP_ALIVE = HeadBytes.ascii("keep-alive");

    private boolean wantLocation;
    private int status;
    private int minor;
    private boolean close;
    private boolean transferEncoding;
    private boolean explicitKeepAlive;
    private long contentLength;
    private boolean chunked;
    private String location;
    private List<String> setCookies;

    /** A response starts: keep its {@code Location} only when {@code wanted}; no cookies of an earlier one stay. */
    void begin(boolean wanted) {
        wantLocation = wanted;
        if (setCookies != null) {
            setCookies.clear();
        }
    }

    /** A head starts (the first of a response, or the next after an interim one). */
    void start() {
        contentLength = -1;
        chunked = false;
        close = false;
        transferEncoding = false;
        explicitKeepAlive = false;
        location = null;
    }

    /** Parses {@code HTTP/1.x SSS[ reason]} in {@code buf[s, end)}. */
    void statusLine(byte[] buf, int s, int end) throws MalformedResponseException {
        int length = end - s;
        if (length < 12 || buf[s] != 'H' || buf[s + 1] != 'T' || buf[s + 2] != 'T' || buf[s + 3] != 'P'
                || buf[s + 4] != '/' || buf[s + 5] != '1' || buf[s + 6] != '.' || !HeadBytes.isDigit(buf[s + 7])
                || buf[s + 8] != ' ' || !HeadBytes.isDigit(buf[s + 9]) || !HeadBytes.isDigit(buf[s + 10]) || !HeadBytes.isDigit(buf[s + 11])
                || (length > 12 && buf[s + 12] != ' ')) {
            throw new MalformedResponseException("not an HTTP/1.x status line: " + HeadBytes.excerpt(buf, s, end));
        }
        status = (buf[s + 9] - '0') * 100 + (buf[s + 10] - '0') * 10 + (buf[s + 11] - '0');
        if (status < 100) {
            throw new MalformedResponseException("status code below 100: " + HeadBytes.excerpt(buf, s, end));
        }
        minor = buf[s + 7] - '0';
    }

    /**
     * One header field line {@code buf[lineStart, lineEnd)}, without its CR LF.
     *
     * @param capture where every field goes as well, or null
     */
    void header(byte[] buf, int lineStart, int lineEnd, ResponseCapture capture) throws MalformedResponseException {
        if (buf[lineStart] == ' ' || buf[lineStart] == '\t') {
            return; // obsolete line folding: RFC 9112 §5.2 allows discarding it
        }
        int colon = HeadBytes.indexOf(buf, lineStart, lineEnd, (byte) ':');
        if (colon <= lineStart) {
            throw new MalformedResponseException("header line without a name and colon: "
                    + HeadBytes.excerpt(buf, lineStart, lineEnd));
        }
        int valueStart = colon + 1;
        int valueEnd = lineEnd;
        while (valueStart < valueEnd && HeadBytes.isBlank(buf[valueStart])) {
            valueStart++;
        }
        while (valueEnd > valueStart && HeadBytes.isBlank(buf[valueEnd - 1])) {
            valueEnd--;
        }
        if (capture != null) {
            capture.header(buf, lineStart, colon, valueStart, valueEnd);
        }
        int nameLength = colon - lineStart;
        if (HeadBytes.nameMatches(buf, lineStart, nameLength, CONTENT_LENGTH)) {
            long length = parseContentLength(buf, valueStart, valueEnd, lineStart, lineEnd);
            if (contentLength >= 0 && contentLength != length) {
                throw new MalformedResponseException("conflicting Content-Length headers");
            }
            contentLength = length;
        } else if (HeadBytes.nameMatches(buf, lineStart, nameLength, TRANSFER_ENCODING)) {
            transferEncoding = true;
            chunked = HeadBytes.endsWithToken(buf, valueStart, valueEnd, CHUNKED_TOKEN);
        } else if (HeadBytes.nameMatches(buf, lineStart, nameLength, CONNECTION)) {
            if (HeadBytes.containsToken(buf, valueStart, valueEnd, CLOSE)) {
                close = true;
                explicitKeepAlive = false;
            } else if (minor == 0 && HeadBytes.containsToken(buf, valueStart, valueEnd, KEEP_ALIVE)) { // 1.1 keeps anyway
                explicitKeepAlive = true;
            }
        } else if (HeadBytes.nameMatches(buf, lineStart, nameLength, SET_COOKIE)) {
            if (setCookies == null) {
                setCookies = new ArrayList<>(2);
            }
            setCookies.add(new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1));
        } else if (wantLocation && HeadBytes.nameMatches(buf, lineStart, nameLength, LOCATION)) {
            location = new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * How the body is framed, once the head ended (RFC 9112 §6.3, before the no-body statuses are applied):
     * {@code Transfer-Encoding} wins over {@code Content-Length} (and then the connection closes afterwards);
     * a final coding other than chunked, or no framing header at all, runs to the end of the connection.
     */
    int framing() {
        if (transferEncoding) {
            if (contentLength >= 0) {
                close = true;
                contentLength = -1;
            }
            return chunked ? CHUNKED : UNTIL_CLOSE;
        }
        if (contentLength < 0) {
            return UNTIL_CLOSE;
        }
        return contentLength > 0 ? LENGTH : NO_BODY;
    }

    /** Whether the connection may carry another request after this response (HTTP/1.0: only if asked). */
    boolean keepAlive() {
        return minor == 0 ? explicitKeepAlive && !close : !close;
    }

    int status() {
        return status;
    }

    /** The announced body length, or -1. */
    long contentLength() {
        return contentLength;
    }

    String location() {
        return location;
    }

    List<String> setCookies() {
        return setCookies == null ? List.of() : setCookies;
    }

    private static long parseContentLength(byte[] buf, int from, int to, int lineStart, int lineEnd)
            throws MalformedResponseException {
        if (from == to) {
            throw new MalformedResponseException("empty Content-Length");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!HeadBytes.isDigit(b) || value > (Long.MAX_VALUE - 9) / 10) {
                throw new MalformedResponseException("invalid Content-Length: " + HeadBytes.excerpt(buf, lineStart, lineEnd));
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }
}
