package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.adapter.http.helidon.routes.UnconfiguredPlugins;

import io.maid.goose.ports.in.GenerateRecipeUseCase;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.PluginStatusQuery;
import io.maid.goose.ports.in.RequestAnalysisUseCase;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.MetricsExposition;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.ports.out.RunHistory;

import java.time.Clock;
import java.util.Objects;

/**
 * What the API drives and reads.
 *
 * @param engine                 starts, stops and reports on runs, and streams their events
 * @param history                past runs, read only
 * @param codec                  the run-config wire format and its JSON Schema
 * @param apiKeys                the authority for {@code x-api-key} credentials (and for bearer tokens when no
 *                               {@link JwtSettings} are configured)
 * @param wallClock              wall time, for token expiry checks
 * @param artifacts              the runs' report files; a file is served only through it, and only when the
 *                               run's history record lists it
 * @param privilegedIntrospector the credential authority (maid-apikeys) that also confirms a locally verified
 *                               bearer JWT before every privileged operation (start, stop, recipe, analysis),
 *                               so that revocation takes effect; {@code null} to trust the JWT's signature alone
 * @param recipes                natural language to run config; throws
 *                               {@link io.maid.goose.ports.in.PluginUnavailableException} when no model server
 *                               is configured
 * @param analysis               AI analysis of finished runs; same contract when unconfigured
 * @param plugins                the configured plugins and their health
 * @param metrics                what {@code GET /metrics} serves, or {@code null} for a service without metrics
 *                               (it then answers 503 {@code metrics_unavailable})
 */
public record ApiServices(LoadTestEngine engine, RunHistory history, RunConfigCodec codec,
                          CredentialIntrospector apiKeys, Clock wallClock, RunArtifacts artifacts,
                          CredentialIntrospector privilegedIntrospector, GenerateRecipeUseCase recipes,
                          RequestAnalysisUseCase analysis, PluginStatusQuery plugins, MetricsExposition metrics) {
    public ApiServices {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(recipes, "recipes");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(plugins, "plugins");
        wallClock = wallClock == null ? Clock.systemUTC() : wallClock;
    }

    /** The services without metrics. */
    public ApiServices(LoadTestEngine engine, RunHistory history, RunConfigCodec codec, CredentialIntrospector apiKeys,
                       Clock wallClock, RunArtifacts artifacts, CredentialIntrospector privilegedIntrospector,
                       GenerateRecipeUseCase recipes, RequestAnalysisUseCase analysis, PluginStatusQuery plugins) {
        this(engine, history, codec, apiKeys, wallClock, artifacts, privilegedIntrospector, recipes, analysis, plugins,
                null);
    }

    /** These services, with {@code metrics} serving {@code GET /metrics}. */
    public ApiServices withMetrics(MetricsExposition metrics) {
        return new ApiServices(engine, history, codec, apiKeys, wallClock, artifacts, privilegedIntrospector, recipes,
                analysis, plugins, metrics);
    }

    /**
     * The services without plugins: no privileged introspection, and recipe generation and analysis that
     * answer {@link io.maid.goose.ports.in.PluginUnavailableException} (the API's 503), with no plugin listed.
     */
    public static ApiServices basic(LoadTestEngine engine, RunHistory history, RunConfigCodec codec,
                                    CredentialIntrospector apiKeys, Clock wallClock, RunArtifacts artifacts) {
        UnconfiguredPlugins none = new UnconfiguredPlugins();
        return new ApiServices(engine, history, codec, apiKeys, wallClock, artifacts, null, none, none, none);
    }
}
