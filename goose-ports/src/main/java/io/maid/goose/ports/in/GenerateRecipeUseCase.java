package io.maid.goose.ports.in;

import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRequest;

/**
 * Natural language → a reviewed-before-use run config. Never starts a run.
 *
 * <p>Throws {@link PluginUnavailableException} when no model server is configured, and whatever
 * {@link io.maid.goose.ports.out.RecipeGenerator#generate} throws otherwise.
 */
public interface GenerateRecipeUseCase {
    Recipe generate(RecipeRequest request);
}
