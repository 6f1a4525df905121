package io.maid.goose.domain;

import java.util.Locale;

/** Why a request failed, grouped the way operators look for causes. */
public enum ErrorKind {
    /** Nothing listened: the TCP connect was refused. */
    CONNECT_REFUSED,
    /** The TCP (or TLS) connect did not complete within the request timeout. */
    CONNECT_TIMEOUT,
    /** Connected, but the response did not arrive within the request timeout. */
    RESPONSE_TIMEOUT,
    /** The peer reset or closed the connection mid-exchange. */
    CONNECTION_RESET,
    /** The response was not valid HTTP, or TLS failed. */
    PROTOCOL_ERROR,
    /** A response arrived with a status the request does not count as success. */
    UNEXPECTED_STATUS,
    /** Still in flight when the shutdown grace ran out; abandoned and counted. */
    ABANDONED,
    /** Any other I/O failure (DNS, local resource limits, ...). */
    IO_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
