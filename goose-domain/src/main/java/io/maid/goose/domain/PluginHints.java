package io.maid.goose.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

/**
 * Free-form hints for plugins. {@code extra} keeps any further properties (plain JSON values: maps, lists,
 * strings, numbers, booleans) so that they survive a decode/encode round trip.
 */
public record PluginHints(List<String> tags, String mistralRecipePrompt, Map<String, Object> extra) {
    public PluginHints {
        tags = Checks.copy("tags", tags);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static PluginHints none() {
        return new PluginHints(List.of(), null, Map.of());
    }
}
