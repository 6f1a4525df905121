package io.maid.goose.domain;

import java.util.Locale;

/**
 * Why a request failed, grouped the way operators look for causes. New kinds are added at the end: the
 * engine counts by ordinal.
 */
public enum ErrorKind {
    /** Nothing listened: the TCP connect was refused. */
    CONNECT_REFUSED,
    /** The TCP (or TLS) connect did not complete within the request timeout. */
    CONNECT_TIMEOUT,
    /**
     * Connected, but the whole response (from writing the request to its last body byte) did not arrive
     * within the request timeout.
     */
    RESPONSE_TIMEOUT,
    /** The peer reset or closed the connection mid-exchange. */
    CONNECTION_RESET,
    /**
     * The response was not valid HTTP, or TLS failed after the handshake (a corrupt record); a failed
     * handshake is {@link #TLS_ERROR}.
     */
    PROTOCOL_ERROR,
    /** A response arrived with a status the request does not count as success. */
    UNEXPECTED_STATUS,
    /** A response arrived, but one of the transaction's checks failed. */
    CHECK_FAILED,
    /** A response arrived, but an extractor without a default found nothing. */
    EXTRACT_FAILED,
    /** Still in flight when the shutdown grace ran out; abandoned and counted. */
    ABANDONED,
    /** Any other I/O failure (DNS, local resource limits, ...). */
    IO_ERROR,
    /**
     * A redirect pointed to a host the target allow-list does not hold; it was not followed. Counted as the
     * request's failure.
     */
    REDIRECT_NOT_ALLOWED,
    /**
     * A kept-alive connection closed after this request was written and before one byte of the answer
     * arrived. The attempt counts as one failed request; the request is then sent once more on a fresh
     * connection, and that attempt counts as a request of its own.
     */
    CONNECTION_CLOSED,
    /** The response body was larger than the run's {@code max_response_bytes}; the connection was closed. */
    BODY_TOO_LARGE,
    /**
     * The TLS handshake failed: the server's certificate was not trusted (unknown CA, self-signed), had
     * expired or was not yet valid, or did not name the host; or client and server had no protocol version
     * or cipher suite in common; or {@code tls.ca_bundle} could not be used.
     */
    TLS_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #wireName()} is {@code name}. */
    public static ErrorKind fromWire(String name) {
        for (ErrorKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not an error kind: '" + name + "'");
    }
}
