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
 * @param tlsHandshakeNanos how long the TLS handshakes this request made took, in nanoseconds, from the first
 *                       handshake byte written to the handshake finished (the TCP connect not included; the
 *                       sum when a redirect hop opened a second TLS connection); {@link #NO_HANDSHAKE} when the
 *                       request opened no TLS connection (plain HTTP, or a kept-alive TLS connection reused),
 *                       or the transport does not measure it. A handshake that failed is not measured: the
 *                       request fails as {@link ErrorKind#TLS_ERROR}
 */
public record RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail,
                             int closedAttempts, CapturedResponse response, long tlsHandshakeNanos) {
    /** {@link #tlsHandshakeNanos()} of a request that made no TLS handshake. */
    public static final long NO_HANDSHAKE = -1;

    public RequestOutcome {
        if (closedAttempts < 0) {
            throw new IllegalArgumentException("closedAttempts must not be negative, was " + closedAttempts);
        }
        if (tlsHandshakeNanos < NO_HANDSHAKE) {
            throw new IllegalArgumentException("tlsHandshakeNanos must be -1 (none) or at least 0, was " + tlsHandshakeNanos);
        }
    }

    /** An outcome without a TLS handshake. */
    public RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail,
                          int closedAttempts, CapturedResponse response) {
        this(status, error, bytesSent, bytesReceived, detail, closedAttempts, response, NO_HANDSHAKE);
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
                : new RequestOutcome(status, error, bytesSent, bytesReceived, detail, attempts, response,
                        tlsHandshakeNanos);
    }

    /** This outcome with what was captured of the response. */
    public RequestOutcome withResponse(CapturedResponse captured) {
        return new RequestOutcome(status, error, bytesSent, bytesReceived, detail, closedAttempts, captured,
                tlsHandshakeNanos);
    }

    /** This outcome, after TLS handshakes that took {@code nanos} ({@link #NO_HANDSHAKE} for none). */
    public RequestOutcome withTlsHandshake(long nanos) {
        return nanos == tlsHandshakeNanos ? this
                : new RequestOutcome(status, error, bytesSent, bytesReceived, detail, closedAttempts, response, nanos);
    }

    /** Whether this request opened a TLS connection whose handshake was measured. */
    public boolean shookHands() {
        return tlsHandshakeNanos >= 0;
    }
}
