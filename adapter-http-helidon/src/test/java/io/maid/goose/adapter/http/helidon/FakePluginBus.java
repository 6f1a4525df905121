package io.maid.goose.adapter.http.helidon;

import io.maid.goose.ports.in.GenerateRecipeUseCase;
import io.maid.goose.ports.in.PluginStatusQuery;
import io.maid.goose.ports.in.RequestAnalysisUseCase;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The plugin use cases as a test scripts them: records every call and answers what it is told to. */
final class FakePluginBus implements GenerateRecipeUseCase, RequestAnalysisUseCase, PluginStatusQuery {
    final List<RecipeRequest> recipeRequests = new CopyOnWriteArrayList<>();
    final List<String> analysisRequests = new CopyOnWriteArrayList<>();
    volatile Function<RecipeRequest, Recipe> recipeAnswer = r -> {
        throw new AssertionError("no recipe answer scripted");
    };
    /** Thrown by requestAnalysis when set. */
    volatile RuntimeException analysisFailure;
    volatile List<PluginHealth> health = List.of();

    @Override
    public Recipe generate(RecipeRequest request) {
        recipeRequests.add(request);
        return recipeAnswer.apply(request);
    }

    @Override
    public void requestAnalysis(String runId) {
        analysisRequests.add(runId);
        RuntimeException failure = analysisFailure;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<PluginHealth> plugins() {
        return health;
    }

    void reset() {
        recipeRequests.clear();
        analysisRequests.clear();
        analysisFailure = null;
        health = List.of();
        recipeAnswer = r -> {
            throw new AssertionError("no recipe answer scripted");
        };
    }
}
