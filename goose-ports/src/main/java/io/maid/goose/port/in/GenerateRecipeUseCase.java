package io.maid.goose.port.in;

import io.maid.goose.port.out.Recipe;
import io.maid.goose.port.out.RecipeRequest;

/**
 * Natural language → a reviewed-before-use run config. Never starts a run.
 *
 * <p>Throws {@link PluginUnavailableException} when no model server is configured, and whatever
 * {@link io.maid.goose.port.out.RecipeGenerator#generate} throws otherwise.
 */
public interface GenerateRecipeUseCase {
    Recipe generate(RecipeRequest request);
}
