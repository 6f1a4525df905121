package io.maid.goose.ports.out;

import java.util.List;

/**
 * The health of one plugin's upstream.
 *
 * @param name      the plugin: {@value #MISTRAL} or {@value #MAID_APIKEYS}
 * @param endpoint  the upstream's base URL, without any credentials; {@code null} when not configured
 * @param state     what the last check found
 * @param lastError why the last check failed, or {@code null} when it did not
 * @param models    the model ids the upstream offers (empty unless {@link State#HEALTHY})
 */
public record PluginHealth(String name, String endpoint, State state, String lastError, List<String> models) {
    /** The model server: recipes and run analyses. */
    public static final String MISTRAL = "mistral.rs";
    /** The credential authority: API-key and JWT introspection. */
    public static final String MAID_APIKEYS = "maid-apikeys";

    /** Where a plugin stands. */
    public enum State {
        /** No endpoint is set for it; the features it powers are unavailable. */
        NOT_CONFIGURED,
        /** Configured, not checked yet. */
        CONFIGURED,
        /** Answered the last check. */
        HEALTHY,
        /** Did not answer the last check usefully; see {@code lastError}. */
        UNREACHABLE
    }

    public PluginHealth {
        if (name == null || state == null) {
            throw new IllegalArgumentException("name and state are required");
        }
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A plugin whose endpoint is not set: no endpoint, no error, no models. */
    public static PluginHealth notConfigured(String name) {
        return new PluginHealth(name, null, State.NOT_CONFIGURED, null, List.of());
    }
}
