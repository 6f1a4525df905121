package io.maid.goose.ports.out;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.TlsSpec;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a transport session needs to know about its target.
 *
 * @param baseUrl          the run's target_base_url; request paths are appended to it, always as paths: a path
 *                         such as {@code //other.example/x} never names another host
 * @param requestTimeout   connect timeout, and the bound on each whole response (from writing the request to
 *                         its last body byte)
 * @param tls              TLS verification settings
 * @param userIndex        the virtual user owning the session (0-based), for diagnostics
 * @param allowedTargets   the hosts a redirect may lead to; a hop to any other host is not followed and fails
 *                         the request as {@link io.maid.goose.domain.ErrorKind#REDIRECT_NOT_ALLOWED}
 * @param maxResponseBytes the largest response body accepted; a larger one fails the request as
 *                         {@link io.maid.goose.domain.ErrorKind#BODY_TOO_LARGE} and closes its connection
 */
public record SessionOptions(URI baseUrl, Duration requestTimeout, TlsSpec tls, int userIndex,
                             TargetAllowList allowedTargets, long maxResponseBytes) {
    public SessionOptions {
        Objects.requireNonNull(allowedTargets, "allowedTargets");
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
        }
    }

    /** Options that let redirects go to any host and accept bodies up to the run config's default limit. */
    public SessionOptions(URI baseUrl, Duration requestTimeout, TlsSpec tls, int userIndex) {
        this(baseUrl, requestTimeout, tls, userIndex, TargetAllowList.anyHost(), RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** These options with another allow-list. */
    public SessionOptions withAllowedTargets(TargetAllowList allowed) {
        return new SessionOptions(baseUrl, requestTimeout, tls, userIndex, allowed, maxResponseBytes);
    }

    /** These options with another body limit. */
    public SessionOptions withMaxResponseBytes(long bytes) {
        return new SessionOptions(baseUrl, requestTimeout, tls, userIndex, allowedTargets, bytes);
    }
}
