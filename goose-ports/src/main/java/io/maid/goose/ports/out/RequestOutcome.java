package io.maid.goose.ports.out;

import io.maid.goose.domain.ErrorKind;

/**
 * What one request came to, as the transport saw it.
 *
 * @param status        the HTTP status, or 0 when no response arrived
 * @param error         a transport failure, or {@code null} when a response arrived (the engine decides
 *                      whether its status counts as success)
 * @param bytesSent     request bytes written to the wire (request line, headers, body)
 * @param bytesReceived response bytes read from the wire (status line, headers, body)
 * @param detail        a short human description of the failure, or {@code null}
 */
public record RequestOutcome(int status, ErrorKind error, long bytesSent, long bytesReceived, String detail) {
    public static RequestOutcome response(int status, long bytesSent, long bytesReceived) {
        return new RequestOutcome(status, null, bytesSent, bytesReceived, null);
    }

    public static RequestOutcome failure(ErrorKind kind, long bytesSent, long bytesReceived, String detail) {
        return new RequestOutcome(0, kind, bytesSent, bytesReceived, detail);
    }
}
