package io.maid.goose.ports.out;

/**
 * How one send treats its request and its response.
 *
 * <p><b>Reuse.</b> A {@code reusable} request is handed to the session again and again as the same object
 * (a constant request of the config): the transport may keep what it encoded for it, keyed by identity, as
 * its fast path. A request that is not reusable was rendered for this send only (a templated request): the
 * transport must keep nothing of it once the send is over.
 *
 * <p><b>Capture.</b> With {@code captureHeaders} the outcome's {@link CapturedResponse} carries every
 * response header in order; with {@code captureBodyBytes > 0} it carries up to that many bytes of the
 * (de-chunked) body, the rest still read and counted. Without either, nothing of the response is copied:
 * the outcome's {@code response} is null.
 *
 * @param reusable         the same request object will be sent again
 * @param captureHeaders   keep the response headers
 * @param captureBodyBytes keep up to this many body bytes (0: none)
 */
public record SendOptions(boolean reusable, boolean captureHeaders, int captureBodyBytes) {
    /** A constant request; nothing captured: the fast path. */
    public static final SendOptions STATIC = new SendOptions(true, false, 0);

    public SendOptions {
        if (captureBodyBytes < 0) {
            throw new IllegalArgumentException("captureBodyBytes must not be negative, was " + captureBodyBytes);
        }
    }

    /** Whether anything of the response is kept. */
    public boolean captures() {
        return captureHeaders || captureBodyBytes > 0;
    }
}
