package io.maid.goose.adapter.plugins.mistral;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach a mistral.rs server ({@code plugin_bus.mistral_endpoint}).
 *
 * <p>{@code null} for any optional value selects its default. {@link #toString()} never shows the API key.
 *
 * @param endpoint        base URL of the server, e.g. {@code http://127.0.0.1:1234}; routes such as
 *                        {@code /v1/chat/completions} are appended to its path
 * @param apiKey          sent as {@code Authorization: Bearer <apiKey>} on every call when set, for a reverse
 *                        proxy in front of mistral.rs (which itself ignores it); {@code null} or blank: none
 * @param model           the {@code model} of each request; default {@value #DEFAULT_MODEL}, which selects the
 *                        loaded model
 * @param connectTimeout  TCP connect timeout, default 5 s
 * @param recipeTimeout   whole-call timeout of one recipe generation, default 120 s
 * @param analysisTimeout whole-call timeout of one run analysis, default 120 s
 */
public record MistralSettings(URI endpoint, String apiKey, String model, Duration connectTimeout,
                              Duration recipeTimeout, Duration analysisTimeout) {
    public static final String DEFAULT_MODEL = "default";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RECIPE_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_ANALYSIS_TIMEOUT = Duration.ofSeconds(120);

    public MistralSettings {
        if (endpoint == null) {
            throw new IllegalArgumentException("mistral endpoint is required");
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("mistral endpoint must be an absolute http or https URL with a host, was '"
                    + Endpoints.display(endpoint) + "'");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        connectTimeout = positive("connect timeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        recipeTimeout = positive("recipe timeout", recipeTimeout, DEFAULT_RECIPE_TIMEOUT);
        analysisTimeout = positive("analysis timeout", analysisTimeout, DEFAULT_ANALYSIS_TIMEOUT);
    }

    /** The endpoint with every default: model {@value #DEFAULT_MODEL}, 5 s connect, 120 s per call. */
    public MistralSettings(URI endpoint, String apiKey) {
        this(endpoint, apiKey, null, null, null, null);
    }

    private static Duration positive(String what, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "MistralSettings[endpoint=" + Endpoints.display(endpoint) + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", model=" + model + ", connectTimeout=" + connectTimeout + ", recipeTimeout=" + recipeTimeout
                + ", analysisTimeout=" + analysisTimeout + "]";
    }
}
