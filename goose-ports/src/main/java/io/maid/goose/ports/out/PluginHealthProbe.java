package io.maid.goose.ports.out;

/**
 * Checks whether a plugin's upstream server is there and what it offers. A probe is quick (bounded by
 * short timeouts, seconds at most) and never throws for an upstream problem: it reports it in
 * {@link PluginHealth#lastError()}. Thread-safe.
 */
public interface PluginHealthProbe {
    PluginHealth check();
}
