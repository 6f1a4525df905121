package io.maid.goose.ports.in;

/** The feature needs a plugin that is not configured (e.g. no {@code plugin_bus.mistral_endpoint}). */
public final class PluginUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String plugin;

    public PluginUnavailableException(String plugin, String message) {
        super(message);
        this.plugin = plugin;
    }

    public String plugin() {
        return plugin;
    }
}
