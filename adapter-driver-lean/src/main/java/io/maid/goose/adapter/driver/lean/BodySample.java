package io.maid.goose.adapter.driver.lean;

import io.maid.goose.support.http.FailureText;

/**
 * The first bytes of a response body whose status the request does not count as success, kept so the
 * outcome can say what the server said ({@code HTTP 500: <the start of the body>}). Its buffer is made the
 * first time a body is sampled, and bodies of successful responses are never copied.
 *
 * <p>Single-threaded: owned by one {@link ResponseParser}.
 */
final class BodySample {
    private byte[] bytes;
    private int length;
    private boolean taking;

    /** Starts a response: keep its body's first bytes only when {@code wanted}. */
    void reset(boolean wanted) {
        length = 0;
        taking = wanted;
    }

    /** Offers body bytes {@code buf[from .. from+n)}; copies what is still wanted. */
    void offer(byte[] buf, int from, int n) {
        if (!taking || n <= 0) {
            return;
        }
        if (bytes == null) {
            bytes = new byte[FailureText.SAMPLE_BYTES];
        }
        int take = Math.min(n, bytes.length - length);
        System.arraycopy(buf, from, bytes, length, take);
        length += take;
        taking = length < bytes.length;
    }

    /** The outcome's description of a response with {@code status}. */
    String describe(int status) {
        return FailureText.unexpectedStatus(status, bytes, length);
    }
}
