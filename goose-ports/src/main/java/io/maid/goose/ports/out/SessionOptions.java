package io.maid.goose.ports.out;

import io.maid.goose.domain.TlsSpec;

import java.net.URI;
import java.time.Duration;

/**
 * What a transport session needs to know about its target.
 *
 * @param baseUrl        the run's target_base_url; request paths are appended to it
 * @param requestTimeout connect timeout and response timeout
 * @param tls            TLS verification settings
 * @param userIndex      the virtual user owning the session (0-based), for diagnostics
 */
public record SessionOptions(URI baseUrl, Duration requestTimeout, TlsSpec tls, int userIndex) {
}
