package io.maid.goose.adapter.driver.lean;

import io.maid.goose.adapter.driver.lean.ResponseParser.BodyTooLargeException;
import io.maid.goose.adapter.driver.lean.ResponseParser.MalformedResponseException;

import java.io.IOException;

/**
 * The body framing of one response, once {@link ResponseParser} has read its head: a {@code Content-Length}
 * body, a chunked body (chunk extensions ignored, trailer fields read and ignored up to the empty line), or
 * a body that runs to the end of the connection. It consumes the body's bytes from the parser's
 * {@link ResponseBuffer}, offering them, without their framing, to the {@link BodySample} and to the send's
 * {@link ResponseCapture} when there is one.
 *
 * <p>Limits: a body past the parser's {@code max_response_bytes} throws {@link BodyTooLargeException} as soon as
 * a chunk size or the bytes that ran to the end of the connection pass it; a trailer section counts against
 * {@value ResponseParser#MAX_HEAD} bytes like a head.
 *
 * <p>Single-threaded: owned by one parser.
 */
final class ResponseBody {
    private static final int LENGTH = 0;
    private static final int CHUNK_SIZE = 1;
    private static final int CHUNK_DATA = 2;
    private static final int CHUNK_END = 3;
    private static final int TRAILER = 4;
    private static final int UNTIL_CLOSE = 5;
    private static final int DONE = 6;

    private final long maxBody;
    private final BodySample sample;
    private ResponseCapture capture;
    private int state = DONE;
    /** Body or chunk bytes still to skip. */
    private long remaining;
    /** Body bytes so far when the length was not known up front (chunked, or to the end of the connection). */
    private long bodyBytes;
    private int trailerBytes;

    ResponseBody(long maxBody, BodySample sample) {
        this.maxBody = maxBody;
        this.sample = sample;
    }

    /**
     * A body starts, framed as {@code framing} says ({@link ResponseHead#LENGTH}, {@link ResponseHead#CHUNKED}
     * or {@link ResponseHead#UNTIL_CLOSE}).
     *
     * @param capture what keeps the body for the send, or null
     * @throws BodyTooLargeException when its {@code Content-Length} is past the limit
     */
    void start(int framing, long contentLength, ResponseCapture capture) throws BodyTooLargeException {
        this.capture = capture;
        bodyBytes = 0;
        if (framing == ResponseHead.LENGTH && contentLength > maxBody) {
            throw new BodyTooLargeException("the response announces a body of " + contentLength
                    + " bytes, more than max_response_bytes (" + maxBody + ")");
        }
        if (capture != null) {
            capture.startBody(framing == ResponseHead.LENGTH ? contentLength : -1);
        }
        switch (framing) {
            case ResponseHead.LENGTH -> {
                remaining = contentLength;
                state = LENGTH;
            }
            case ResponseHead.CHUNKED -> state = CHUNK_SIZE;
            default -> state = UNTIL_CLOSE;
        }
    }

    /**
     * Consumes what {@code in} holds of the body.
     *
     * @return true when the body is complete; false when more bytes are needed ({@code in} has room for them)
     */
    boolean advance(ResponseBuffer in) throws IOException {
        while (true) {
            switch (state) {
                case LENGTH, CHUNK_DATA -> {
                    int take = (int) Math.min(in.available(), remaining);
                    offer(in, take);
                    remaining -= take;
                    if (remaining > 0) {
                        in.makeRoom(remaining);
                        return false;
                    }
                    if (state == LENGTH) {
                        state = DONE;
                        return true;
                    }
                    state = CHUNK_END;
                }
                case UNTIL_CLOSE -> {
                    bodyBytes += in.available();
                    offer(in, in.available());
                    if (bodyBytes > maxBody) {
                        throw tooLarge("the response body ran past");
                    }
                    in.makeRoom(0);
                    return false;
                }
                case DONE -> {
                    return true;
                }
                default -> {
                    int length = in.nextLine();
                    if (length < 0) {
                        in.makeRoom(0);
                        return false;
                    }
                    if (onLine(in, length)) {
                        state = DONE;
                        return true;
                    }
                }
            }
        }
    }

    /**
     * The connection ended in the body: true when the body runs to the end of the connection (it is complete),
     * false when it was cut short (then {@link #cutShort()} says where).
     */
    boolean endOfStream() {
        if (state == UNTIL_CLOSE) {
            state = DONE;
            return true;
        }
        return false;
    }

    String cutShort() {
        return switch (state) {
            case LENGTH -> "the connection closed " + remaining + " bytes before the end of the body";
            case TRAILER -> "the connection closed in the middle of the trailer section";
            default -> "the connection closed in the middle of the chunked body";
        };
    }

    /** A chunk-size, chunk-end or trailer line; true when it ended the body. */
    private boolean onLine(ResponseBuffer in, int length) throws IOException {
        boolean empty = in.lineEmpty();
        switch (state) {
            case CHUNK_SIZE -> {
                long size = chunkSize(in);
                bodyBytes += size;
                if (bodyBytes > maxBody) {
                    throw tooLarge("the chunked response body runs past");
                }
                if (size == 0) {
                    trailerBytes = 0;
                    state = TRAILER;
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
                trailerBytes += length;
                if (trailerBytes > ResponseParser.MAX_HEAD) {
                    throw new MalformedResponseException("response head longer than " + ResponseParser.MAX_HEAD + " bytes");
                }
                return empty;
            }
        }
    }

    private void offer(ResponseBuffer in, int n) {
        sample.offer(in.array(), in.pos(), n);
        if (capture != null) {
            capture.body(in.array(), in.pos(), n);
        }
        in.skip(n);
    }

    private static long chunkSize(ResponseBuffer in) throws MalformedResponseException {
        byte[] buf = in.array();
        int lineEnd = in.lineEnd();
        long size = 0;
        int digits = 0;
        int i = in.lineStart();
        for (; i < lineEnd; i++) {
            int d = HeadBytes.hexValue(buf[i]);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                throw new MalformedResponseException("chunk size too large: " + in.lineText());
            }
            size = (size << 4) | d;
        }
        while (i < lineEnd && HeadBytes.isBlank(buf[i])) {
            i++;
        }
        if (digits == 0 || (i < lineEnd && buf[i] != ';')) {
            throw new MalformedResponseException("invalid chunk size line: " + in.lineText());
        }
        return size;
    }

    private BodyTooLargeException tooLarge(String what) {
        return new BodyTooLargeException(what + " max_response_bytes (" + maxBody + " bytes)");
    }
}
