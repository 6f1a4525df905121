package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.support.http.Redirects;

import java.io.IOException;

/**
 * What both lean sessions ({@link LeanLoopSession}, {@link LeanSession}) decide alike about an exchange: when
 * a kept-alive connection is checked before it is reused, whether a request is sent once more after its
 * connection closed under it, whether an answer is followed as a redirect, and what an answer's outcome says.
 *
 * <h2>Sending once more</h2>
 * A kept-alive connection can turn out closed by the server only when a request is written on it or its
 * answer read. The engine's count must stay the server's, so:
 * <ul>
 *   <li>before reusing a connection idle for at least {@link #STALE_CHECK_AFTER_NANOS}, the session checks,
 *       without blocking, whether the server closed it meanwhile; if so the request goes on a fresh connection
 *       and nothing extra is counted — it never left;</li>
 *   <li>if the close is seen only when writing, and not one byte of the request was written, the same
 *       ({@link Resend#UNCOUNTED});</li>
 *   <li>if it is seen after the request was written and before any byte of the answer, the server may have
 *       read it: that attempt counts as a request failed with {@code connection_closed}
 *       ({@link RequestOutcome#closedAttempts()}), and the request is sent once more on a fresh connection,
 *       counted as a request of its own ({@link Resend#COUNTED}).</li>
 * </ul>
 * At most once per hop, only on a connection that had already served a response, never once the session is
 * closed or any byte of the answer arrived (the server did answer: that failure is the outcome).
 */
final class Exchanges {
    /**
     * A kept-alive connection idle at least this long is checked for a close before it is reused (one
     * non-blocking read). Requests that follow their predecessor sooner skip the check: that is the hot path,
     * and a close in that window is caught by the counted rule instead.
     */
    static final long STALE_CHECK_AFTER_NANOS = 1_000_000;

    private Exchanges() {
    }

    /** Whether, and how, a failed request is sent once more. */
    enum Resend { NO, UNCOUNTED, COUNTED }

    /**
     * @param reused        whether the connection had served an earlier response
     * @param resentAlready whether this hop was already sent once more
     * @param written       whether any byte of this attempt may have reached the server
     * @param answerBytes   bytes of the answer this attempt received
     */
    static Resend afterFailure(boolean reused, boolean resentAlready, boolean written, long answerBytes, IOException e) {
        if (!reused || resentAlready || answerBytes > 0 || !Failures.closedUnderUs(e)) {
            return Resend.NO;
        }
        return written ? Resend.COUNTED : Resend.UNCOUNTED;
    }

    /** Whether an answer is followed as a redirect: the request allows it, the status redirects, it says where. */
    static boolean follows(RequestSpec spec, int status, String location) {
        return spec.allowRedirects() && Redirects.isRedirect(status) && location != null;
    }

    /**
     * The outcome of a request's final answer, read by {@code parser}, with what the send {@code captured} of
     * it (or null); a status the request does not count as success is described with the start of its body
     * (the only case, besides a capture, that allocates more than the outcome).
     */
    static RequestOutcome answered(RequestSpec spec, int status, long sent, long received, int closedAttempts,
                                   ResponseParser parser, CapturedResponse captured) {
        String detail = spec.isSuccess(status) ? null : parser.describe();
        return new RequestOutcome(status, null, sent, received, detail, closedAttempts, captured);
    }
}
