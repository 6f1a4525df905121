package io.maid.goose.ports.out;

import io.maid.goose.domain.RunConfig;

/**
 * A generated, validated run config.
 *
 * @param config   the config; it passed the codec's rules
 * @param notes    a short human note on how it was made (model, attempts, which values came from the request)
 * @param attempts how many generations it took: 1, or 2 after a repair round
 */
public record Recipe(RunConfig config, String notes, int attempts) {
    public Recipe {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        notes = notes == null ? "" : notes;
    }
}
