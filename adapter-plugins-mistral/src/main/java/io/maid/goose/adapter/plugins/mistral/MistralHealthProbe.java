package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginHealthProbe;
import io.maid.goose.ports.out.PluginUpstreamException;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PluginHealthProbe} for mistral.rs: {@code GET /health} (200 {@code OK}; it does not show whether
 * a model is loaded) and then {@code GET /v1/models} ({@code {"object":"list","data":[{"id":...}]}}),
 * which names the models on offer. {@link PluginHealth.State#HEALTHY} with those ids when both answer,
 * else {@link PluginHealth.State#UNREACHABLE} with what failed.
 *
 * <p>Each request is bounded by the connect timeout plus a short request timeout (default 5 s), so a probe
 * takes seconds at most. Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class MistralHealthProbe implements PluginHealthProbe, AutoCloseable {
    public static final String NAME = "mistral.rs";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();
    private final MistralClient client;
    private final Duration requestTimeout;

    public MistralHealthProbe(MistralSettings settings) {
        this(settings, DEFAULT_REQUEST_TIMEOUT);
    }

    /** @param requestTimeout bound on each probe request once connected */
    public MistralHealthProbe(MistralSettings settings, Duration requestTimeout) {
        if (settings == null || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("settings and a positive request timeout are required");
        }
        this.client = new MistralClient(settings, json);
        this.requestTimeout = requestTimeout;
    }

    @Override
    public PluginHealth check() {
        String endpoint = Endpoints.display(client.settings().endpoint());
        try {
            client.get("/health", requestTimeout);
            HttpResponse<String> models = client.get("/v1/models", requestTimeout);
            JsonNode root = client.parse("GET /v1/models", models);
            JsonNode data = root.path("data");
            if (!data.isArray()) {
                return unreachable(endpoint, client.where("GET /v1/models") + " answered without a data list");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode model : data) {
                if (model.path("id").isTextual()) {
                    ids.add(model.get("id").asText());
                }
            }
            return new PluginHealth(NAME, endpoint, PluginHealth.State.HEALTHY, null, ids);
        } catch (PluginUpstreamException e) {
            return unreachable(endpoint, e.getMessage());
        }
    }

    private static PluginHealth unreachable(String endpoint, String error) {
        return new PluginHealth(NAME, endpoint, PluginHealth.State.UNREACHABLE, error, List.of());
    }

    @Override
    public void close() {
        client.close();
    }
}
