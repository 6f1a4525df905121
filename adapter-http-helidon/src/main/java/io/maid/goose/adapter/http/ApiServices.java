package io.maid.goose.adapter.http;

import io.maid.goose.port.in.LoadTestEngine;
import io.maid.goose.port.out.CredentialIntrospector;
import io.maid.goose.port.out.RunConfigCodec;
import io.maid.goose.port.out.RunHistory;

import java.time.Clock;
import java.util.Objects;

/**
 * What the API drives and reads.
 *
 * @param engine    starts, stops and reports on runs, and streams their events
 * @param history   past runs, read only
 * @param codec     the run-config wire format and its JSON Schema
 * @param apiKeys   the authority for {@code x-api-key} credentials (and for bearer tokens when no
 *                  {@link JwtSettings} are configured)
 * @param wallClock wall time, for token expiry checks
 */
public record ApiServices(LoadTestEngine engine, RunHistory history, RunConfigCodec codec,
                          CredentialIntrospector apiKeys, Clock wallClock) {
    public ApiServices {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(apiKeys, "apiKeys");
        wallClock = wallClock == null ? Clock.systemUTC() : wallClock;
    }
}
