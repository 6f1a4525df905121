package io.maid.goose.ports.out;

import io.maid.goose.domain.ErrorKind;

/**
 * What one request came to, as the transport saw it.
 *
 * @param status         the HTTP status, or 0 when no response arrived
 * @param error          a transport failure, or {@code null} when a response arrived (the engine decides
 *                       whether its status counts as success)
 * @param bytesSent      request bytes written to the wire (request line, headers, body), every attempt and
 *                       redirect hop included
 * @param bytesReceived  response bytes read from the wire (status line, headers, body), likewise
 * @param detail         a short human description of a failure, or of a response whose status the request
 *                       does not count as success ({@code HTTP 500: <the start of its body>}); else {@code null}
 * @param closedAttempts earlier attempts of this request that a kept-alive connection closed after they were
 *                       written and before any byte of their answer (at most one per redirect hop, so usually
 *                       0 or 1): each counts as one more request, failed with {@link ErrorKind#CONNECTION_CLOSED},
 *                       with no latency of its own
 * @param response       what was captured of the response when the send asked for it ({@link SendOptions}),
 *                       else {@code null}
 */
public record RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail,
                             int closedAttempts, CapturedResponse response) {
    public RequestOutcome {
        if (closedAttempts < 0) {
            throw new IllegalArgumentException("closedAttempts must not be negative, was " + closedAttempts);
        }
    }

    /** An outcome without closed attempts or capture. */
    public RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail) {
        this(status, error, bytesSent, bytesReceived, detail, 0, null);
    }

    /** An outcome without capture. */
    public RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail,
                          int closedAttempts) {
        this(status, error, bytesSent, bytesReceived, detail, closedAttempts, null);
    }

    public static RequestOutcome response(int status, long bytesSent, long bytesReceived) {
        return new RequestOutcome(status, null, bytesSent, bytesReceived, null, 0, null);
    }

    /** A response described by {@code detail} (for a status the request does not count as success). */
    public static RequestOutcome response(int status, long bytesSent, long bytesReceived, String detail) {
        return new RequestOutcome(status, null, bytesSent, bytesReceived, detail, 0, null);
    }

    public static RequestOutcome failure(ErrorKind kind, long bytesSent, long bytesReceived, String detail) {
        return new RequestOutcome(0, kind, bytesSent, bytesReceived, detail, 0, null);
    }

    /** This outcome, preceded by {@code attempts} closed attempts. */
    public RequestOutcome withClosedAttempts(int attempts) {
        return attempts == closedAttempts ? this
                : new RequestOutcome(status, error, bytesSent, bytesReceived, detail, attempts, response);
    }

    /** This outcome with what was captured of the response. */
    public RequestOutcome withResponse(CapturedResponse captured) {
        return new RequestOutcome(status, error, bytesSent, bytesReceived, detail, closedAttempts, captured);
    }
}
