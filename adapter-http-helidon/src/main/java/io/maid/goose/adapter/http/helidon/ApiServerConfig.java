package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.domain.TargetAllowList;

import java.time.Duration;
import java.util.List;

/**
 * How the HTTP API listens and whom it lets in.
 *
 * @param host                  the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port                  the TCP port, 0 for an ephemeral one (the default in production is
 *                              {@value #DEFAULT_PORT})
 * @param corsAllowedOrigins    browser origins that may call the API cross-origin, e.g.
 *                              {@code https://dashboard.example}; empty = none
 * @param requireAuthentication false lets every request in with every scope (development only; logged
 *                              loudly at start)
 * @param jwt                   how bearer JWTs are verified locally, or {@code null} to send bearer
 *                              tokens to the credential introspector instead
 * @param allowedTargets        the hosts a run, or a generated recipe, may target ({@code security.allowed_targets});
 *                              null = loopback only
 * @param streamQueueCapacity   messages buffered per WebSocket client before the oldest are dropped
 * @param streamStallTimeout    a client that stays unable to take messages this long is disconnected
 * @param reportLinkSecret      the key that signs report links ({@code security.report_link_secret}, at least
 *                              32 characters), or {@code null} for a random key per process
 * @param metricsPublic         {@code GET /metrics} answers a request without a credential
 *                              ({@code server.metrics.public}); a request that sends one is still checked
 */
public record ApiServerConfig(String host, int port, List<String> corsAllowedOrigins, boolean requireAuthentication,
                              JwtSettings jwt, TargetAllowList allowedTargets, int streamQueueCapacity,
                              Duration streamStallTimeout, String reportLinkSecret, boolean metricsPublic) {
    /** The reference deployment's port. */
    public static final int DEFAULT_PORT = 43121;
    public static final int DEFAULT_STREAM_QUEUE_CAPACITY = 256;
    public static final Duration DEFAULT_STREAM_STALL_TIMEOUT = Duration.ofSeconds(30);

    public ApiServerConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("server.port must be 0..65535, was " + port);
        }
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        allowedTargets = allowedTargets == null ? TargetAllowList.loopback() : allowedTargets;
        streamQueueCapacity = streamQueueCapacity <= 0 ? DEFAULT_STREAM_QUEUE_CAPACITY : streamQueueCapacity;
        streamStallTimeout = streamStallTimeout == null ? DEFAULT_STREAM_STALL_TIMEOUT : streamStallTimeout;
        if (streamStallTimeout.isNegative() || streamStallTimeout.isZero()) {
            throw new IllegalArgumentException("stream stall timeout must be positive, was " + streamStallTimeout);
        }
    }

    /** With {@code /metrics} behind authentication, like every read. */
    public ApiServerConfig(String host, int port, List<String> corsAllowedOrigins, boolean requireAuthentication,
                           JwtSettings jwt, TargetAllowList allowedTargets, int streamQueueCapacity,
                           Duration streamStallTimeout, String reportLinkSecret) {
        this(host, port, corsAllowedOrigins, requireAuthentication, jwt, allowedTargets, streamQueueCapacity,
                streamStallTimeout, reportLinkSecret, false);
    }

    /** With a random report-link key for this process. */
    public ApiServerConfig(String host, int port, List<String> corsAllowedOrigins, boolean requireAuthentication,
                           JwtSettings jwt, TargetAllowList allowedTargets, int streamQueueCapacity,
                           Duration streamStallTimeout) {
        this(host, port, corsAllowedOrigins, requireAuthentication, jwt, allowedTargets, streamQueueCapacity,
                streamStallTimeout, null, false);
    }

    @Override
    public String toString() {
        return "ApiServerConfig[host=" + host + ", port=" + port + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", requireAuthentication=" + requireAuthentication + ", jwt=" + (jwt != null) + ", allowedTargets="
                + allowedTargets + ", streamQueueCapacity=" + streamQueueCapacity + ", streamStallTimeout="
                + streamStallTimeout + ", reportLinkSecret=" + (reportLinkSecret == null ? "random" : "configured") + ", metricsPublic=" + metricsPublic + "]";
    }
}
