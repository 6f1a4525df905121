package io.maid.goose.adapter.driver.lean;

import java.nio.ByteBuffer;

/**
 * One request's bytes, encoded once and written as they are for every send: head, empty line and body.
 * A session that has cookies to send inserts its {@code Cookie} header at {@link #headEnd()}, just before
 * the empty line. Immutable; shared by all sessions on the same base URL.
 */
final class EncodedRequest {
    private final byte[] bytes;
    private final int headEnd;
    private final String method;
    private final String target;
    private final String cookiePath;
    private final boolean headRequest;
    private final boolean closeAfter;

    /**
     * @param bytes       request line, header lines, the empty line and the body
     * @param headEnd     the offset of the empty line's CR LF
     * @param method      the method's name
     * @param target      the request target (path and query) as sent
     * @param cookiePath  the path cookies are matched against (the target without its query)
     * @param closeAfter  whether the request itself asked for the connection to close
     */
    EncodedRequest(byte[] bytes, int headEnd, String method, String target, String cookiePath, boolean closeAfter) {
        this.bytes = bytes;
        this.headEnd = headEnd;
        this.method = method;
        this.target = target;
        this.cookiePath = cookiePath;
        this.headRequest = method.equals("HEAD");
        this.closeAfter = closeAfter;
    }

    byte[] bytes() {
        return bytes;
    }

    /** How many bytes go on the wire with {@code headerLine} (CR LF included, or null for none) inserted. */
    int wireLength(byte[] headerLine) {
        return bytes.length + (headerLine == null ? 0 : headerLine.length);
    }

    /**
     * Copies the wire bytes — this request with {@code headerLine} inserted at {@link #headEnd()} — from
     * offset {@code from} on into {@code dst}, as many as fit, so a large request can be written in pieces
     * without ever building it in one array.
     *
     * @param headerLine a header line with its CR LF, or null for none
     * @return how many bytes were put
     */
    int put(ByteBuffer dst, byte[] headerLine, int from) {
        int extra = headerLine == null ? 0 : headerLine.length;
        int at = from;
        if (at < headEnd) {
            int n = Math.min(headEnd - at, dst.remaining());
            dst.put(bytes, at, n);
            at += n;
        }
        if (at >= headEnd && at < headEnd + extra) {
            int n = Math.min(headEnd + extra - at, dst.remaining());
            dst.put(headerLine, at - headEnd, n);
            at += n;
        }
        if (at >= headEnd + extra) {
            int n = Math.min(bytes.length + extra - at, dst.remaining());
            dst.put(bytes, at - extra, n);
            at += n;
        }
        return at - from;
    }

    int headEnd() {
        return headEnd;
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    String cookiePath() {
        return cookiePath;
    }

    boolean headRequest() {
        return headRequest;
    }

    boolean closeAfter() {
        return closeAfter;
    }
}
