package io.maid.goose.support.http;

import java.util.Arrays;

/**
 * The first bytes of one response body, kept because the send asked to capture them: at most {@code limit}
 * bytes, the rest only noted ({@link #truncated()}), so a transport still reads and counts the whole body but
 * never holds more than the limit. With a known length the array is made once at its final size; otherwise it
 * starts small and doubles up to the limit. Every transport captures through this, so they cut a body alike.
 *
 * <p>Single-threaded: one per captured response.
 */
public final class CapturedBody {
    /** A body of unknown length starts in an array this small. */
    static final int FIRST_CHUNK = 1024;

    private final int limit;
    private byte[] bytes;
    private int length;
    private boolean truncated;

    /**
     * @param limit     the most bytes kept, at least 1
     * @param announced the body's length when the response says it up front, or -1
     */
    public CapturedBody(int limit, long announced) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.bytes = new byte[(int) (announced >= 0 ? Math.min(announced, limit) : Math.min(FIRST_CHUNK, limit))];
    }

    /** Body bytes {@code buf[from, from+n)}, in the order they came; what is past the limit is not kept. */
    public void add(byte[] buf, int from, int n) {
        int take = Math.min(n, limit - length);
        if (take < n) {
            truncated = true;
        }
        if (take <= 0) {
            return;
        }
        if (bytes.length - length < take) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + take, bytes.length * 2)));
        }
        System.arraycopy(buf, from, bytes, length, take);
        length += take;
    }

    /** The bytes kept, in an array of exactly their length that the caller owns from now on. */
    public byte[] bytes() {
        byte[] kept = bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        bytes = new byte[0];
        length = 0;
        return kept;
    }

    /** Whether the body had more bytes than were kept. */
    public boolean truncated() {
        return truncated;
    }
}
