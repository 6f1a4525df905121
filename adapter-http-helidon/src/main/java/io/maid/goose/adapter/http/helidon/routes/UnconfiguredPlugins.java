package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.ports.in.GenerateRecipeUseCase;
import io.maid.goose.ports.in.PluginStatusQuery;
import io.maid.goose.ports.in.PluginUnavailableException;
import io.maid.goose.ports.in.RequestAnalysisUseCase;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRequest;

import java.util.List;

/**
 * The plugin use cases when no model server is configured: every AI request is refused with
 * {@link PluginUnavailableException}, and both plugins are listed as not configured. Stateless and thread-safe.
 */
public final class UnconfiguredPlugins implements GenerateRecipeUseCase, RequestAnalysisUseCase, PluginStatusQuery {
    static final String PLUGIN = PluginHealth.MISTRAL;
    static final String MESSAGE = "no model server is configured; set plugin_bus.mistral_endpoint to enable AI features";

    @Override
    public Recipe generate(RecipeRequest request) {
        throw new PluginUnavailableException(PLUGIN, MESSAGE);
    }

    @Override
    public void requestAnalysis(String runId) {
        throw new PluginUnavailableException(PLUGIN, MESSAGE);
    }

    @Override
    public List<PluginHealth> plugins() {
        return List.of(PluginHealth.notConfigured(PluginHealth.MISTRAL), PluginHealth.notConfigured(PluginHealth.MAID_APIKEYS));
    }
}
