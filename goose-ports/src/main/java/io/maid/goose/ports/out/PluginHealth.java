package io.maid.goose.ports.out;

import java.util.List;

/**
 * The health of one plugin's upstream.
 *
 * @param name      the plugin, e.g. {@code mistral.rs}
 * @param endpoint  the upstream's base URL, without any credentials
 * @param state     what the last check found
 * @param lastError why the last check failed, or {@code null} when it did not
 * @param models    the model ids the upstream offers (empty unless {@link State#HEALTHY})
 */
public record PluginHealth(String name, String endpoint, State state, String lastError, List<String> models) {
    /** Where a plugin stands. */
    public enum State {
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
}
