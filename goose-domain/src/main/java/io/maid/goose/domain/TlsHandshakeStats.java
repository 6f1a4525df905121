package io.maid.goose.domain;

import java.util.Objects;

/**
 * The TLS handshakes of a run: how many requests opened a TLS connection whose handshake the transport timed,
 * and the distribution of those handshake times in milliseconds (read from an HdrHistogram recorded in
 * microseconds, like every latency). A run over plain HTTP, or on a transport that does not time its
 * handshakes, has {@link #NONE}: a count of 0 means "no handshake measured", never "handshakes of 0 ms".
 *
 * <p>What is timed depends on the transport (docs/reports.md): the handshake alone, never the TCP connect,
 * and never the request that follows on the new connection. A request's latency includes its handshake.
 *
 * @param count   handshakes measured
 * @param latency their times; {@link LatencyStats#EMPTY} when {@code count} is 0
 */
public record TlsHandshakeStats(long count, LatencyStats latency) {
    /** No handshake measured. */
    public static final TlsHandshakeStats NONE = new TlsHandshakeStats(0, LatencyStats.EMPTY);

    public TlsHandshakeStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Objects.requireNonNull(latency, "latency");
        if (count == 0 && !latency.equals(LatencyStats.EMPTY)) {
            throw new IllegalArgumentException("no handshake was measured, so there are no handshake times: " + latency);
        }
    }
}
