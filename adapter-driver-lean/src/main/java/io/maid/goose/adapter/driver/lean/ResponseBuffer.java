package io.maid.goose.adapter.driver.lean;

import io.maid.goose.adapter.driver.lean.ResponseParser.MalformedResponseException;

import java.nio.ByteBuffer;

/**
 * The one reusable buffer a {@link ResponseParser} reads a connection's bytes into, and finds lines in.
 * Unconsumed bytes are {@code [pos, limit)}; a line still incomplete has been searched for its LF up to
 * {@code scan}, so a line that arrives in pieces is searched once. The buffer starts at
 * {@value ResponseParser#INITIAL_BUFFER} bytes, grows once to {@value ResponseParser#BODY_BUFFER} when a body
 * larger than it is skipped, and further only for a line longer than it (at most
 * {@value ResponseParser#MAX_LINE} bytes).
 *
 * <p>Single-threaded: owned by one parser.
 */
final class ResponseBuffer {
    private byte[] buf = new byte[ResponseParser.INITIAL_BUFFER];
    private ByteBuffer view = ByteBuffer.wrap(buf);
    private int pos;
    private int limit;
    private int scan;
    private int lineStart;
    private int lineEnd;

    /** Drops whatever is buffered. */
    void clear() {
        pos = 0;
        limit = 0;
        scan = 0;
    }

    /** The array to put bytes into, at {@link #fillOffset()}, at most {@link #fillRoom()} of them. */
    byte[] array() {
        return buf;
    }

    int fillOffset() {
        return limit;
    }

    int fillRoom() {
        return buf.length - limit;
    }

    /** The free end of the buffer as a byte buffer to read into. */
    ByteBuffer room() {
        view.limit(buf.length).position(limit);
        return view;
    }

    /** {@code n} bytes were put at {@link #fillOffset()}. */
    void filled(int n) {
        if (n < 0 || n > buf.length - limit) {
            throw new IllegalArgumentException("filled " + n + " bytes into room for " + (buf.length - limit));
        }
        limit += n;
    }

    /** Where the unconsumed bytes start. */
    int pos() {
        return pos;
    }

    /** How many bytes are buffered and not consumed. */
    int available() {
        return limit - pos;
    }

    /** Consumes {@code n} bytes. */
    void skip(int n) {
        pos += n;
    }

    /**
     * Finds the next complete line and consumes it: then {@link #lineStart()}/{@link #lineEnd()} are its bytes
     * without CR LF.
     *
     * @return the line's length with its line end, or -1 when no complete line is buffered yet (the search
     *         resumes where it stopped)
     */
    int nextLine() {
        byte[] b = buf;
        int end = limit;
        for (int i = Math.max(scan, pos); i < end; i++) {
            if (b[i] == '\n') {
                int length = i + 1 - pos;
                lineStart = pos;
                lineEnd = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                pos = i + 1;
                scan = pos;
                return length;
            }
        }
        scan = end;
        return -1;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    boolean lineEmpty() {
        return lineEnd == lineStart;
    }

    /** The current line for an error message. */
    String lineText() {
        return HeadBytes.excerpt(buf, lineStart, lineEnd);
    }

    /**
     * Makes room for the next bytes: starts over when everything was consumed (growing once when
     * {@code bodyLeft}, the body bytes still to skip, is more than the buffer holds), else moves the pending
     * partial line to the front, growing the buffer only for a line longer than it.
     */
    void makeRoom(long bodyLeft) throws MalformedResponseException {
        if (pos == limit) {
            clear();
            if (bodyLeft > buf.length && buf.length < ResponseParser.BODY_BUFFER) {
                setBuffer(new byte[ResponseParser.BODY_BUFFER]);
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
            if (buf.length >= ResponseParser.MAX_LINE) {
                throw new MalformedResponseException("a response line is longer than " + ResponseParser.MAX_LINE + " bytes");
            }
            byte[] grown = new byte[Math.min(ResponseParser.MAX_LINE, buf.length * 2)];
            System.arraycopy(buf, 0, grown, 0, limit);
            setBuffer(grown);
        }
    }

    /** Drops the bytes left over past a response; true when there were any. */
    boolean dropRest() {
        if (limit > pos) {
            pos = limit;
            return true;
        }
        return false;
    }

    int capacity() {
        return buf.length;
    }

    private void setBuffer(byte[] b) {
        buf = b;
        view = ByteBuffer.wrap(b);
    }
}
