package io.maid.goose.app.service;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.in.AnalysisInputUnavailableException;
import io.maid.goose.ports.in.GenerateRecipeUseCase;
import io.maid.goose.ports.in.PluginStatusQuery;
import io.maid.goose.ports.in.PluginUnavailableException;
import io.maid.goose.ports.in.RequestAnalysisUseCase;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginHealthProbe;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeGenerator;
import io.maid.goose.ports.out.RecipeRequest;
import io.maid.goose.ports.out.RunAnalyzer;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunHistory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The plugin registry: which plugins are configured, their health, and the features they
 * power. When mistral.rs is not configured, recipes and analyses answer {@link PluginUnavailableException}
 * (the API's 503 {@code plugin_unavailable}).
 *
 * <p>Analyses run on their own virtual threads, never on the engine's or the API's; their results are
 * written to history through the {@link RunCoordinator}'s history thread, so record updates never race. An
 * analysis requested again reads the run's measurements back from its stored {@code report.json}
 * ({@link RunArtifacts#readSummary}), so it works for any run in history, also after a restart.
 */
public final class PluginRegistry implements GenerateRecipeUseCase, RequestAnalysisUseCase, PluginStatusQuery, AutoCloseable {
    static final String MISTRAL = PluginHealth.MISTRAL;
    private static final Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final RecipeGenerator recipes;
    private final RunAnalyzer analyzer;
    private final List<PluginHealthProbe> probes;
    private final List<PluginHealth> unprobed;
    private final RunHistory history;
    private final RunArtifacts artifacts;
    private final RunCoordinator coordinator;
    private final ExecutorService analyses = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param recipes  null when mistral.rs is not configured
     * @param analyzer null when mistral.rs is not configured
     * @param probes   health probes of the configured plugins
     * @param unprobed plugins without a health check, listed as they are: maid-apikeys as configured, and any
     *                 plugin whose endpoint is not set as not configured
     */
    public PluginRegistry(RecipeGenerator recipes, RunAnalyzer analyzer, List<PluginHealthProbe> probes,
                          List<PluginHealth> unprobed, RunHistory history, RunArtifacts artifacts,
                          RunCoordinator coordinator) {
        this.recipes = recipes;
        this.analyzer = analyzer;
        this.probes = List.copyOf(probes);
        this.unprobed = List.copyOf(unprobed);
        this.history = history;
        this.artifacts = artifacts;
        this.coordinator = coordinator;
        coordinator.onRunFinished(this::afterRun);
    }

    @Override
    public Recipe generate(RecipeRequest request) {
        if (recipes == null) {
            throw unavailable();
        }
        return recipes.generate(request);
    }

    @Override
    public List<PluginHealth> plugins() {
        List<PluginHealth> all = new ArrayList<>();
        for (PluginHealthProbe p : probes) {
            all.add(p.check());
        }
        all.addAll(unprobed);
        return all;
    }

    @Override
    public void requestAnalysis(String runId) {
        if (analyzer == null) {
            throw unavailable();
        }
        RunRecord record = history.find(runId).map(StoredRun::record)
                .orElseThrow(() -> new NoSuchElementException("no run " + runId));
        if (!record.state().isFinal()) {
            throw new IllegalStateException("run " + runId + " has not finished yet");
        }
        Optional<RunSummary> summary;
        try {
            summary = artifacts.readSummary(runId);
        } catch (RuntimeException e) {
            throw new AnalysisInputUnavailableException("the measurements of run " + runId + " cannot be read: "
                    + e.getMessage());
        }
        if (summary.isEmpty()) {
            throw new AnalysisInputUnavailableException("run " + runId + " has no report.json, where its measurements "
                    + "are kept (its reports.formats leave json out, or its reports were deleted)");
        }
        startAnalysis(summary.get());
    }

    private void afterRun(FinishedRun run) {
        // NONE: the run's record could not even be finalised, so there is nothing to attach an analysis to.
        if (analyzer != null && run.record().reportsState() != ReportsState.NONE) {
            startAnalysis(run.summary());
        }
    }

    private void startAnalysis(RunSummary summary) {
        String runId = summary.runId();
        coordinator.runInBackground(() -> updateAnalysis(runId, AnalysisState.PENDING, null, null, null));
        analyses.execute(() -> {
            try {
                Analysis a = analyzer.analyze(summary);
                coordinator.runInBackground(() -> updateAnalysis(runId, AnalysisState.DONE, a, null, summary));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "analysis of run " + runId + " failed: " + e.getMessage());
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                coordinator.runInBackground(() -> updateAnalysis(runId, AnalysisState.FAILED, null, why, null));
            }
        });
    }

    /** On the coordinator's history thread: record the state, and re-render the reports with the analysis. */
    private void updateAnalysis(String runId, AnalysisState state, Analysis analysis, String error, RunSummary summary) {
        try {
            RunRecord r = history.find(runId).map(StoredRun::record).orElse(null);
            if (r == null) {
                return;
            }
            RunRecord updated = r.withAnalysis(state, analysis, error);
            if (summary != null && analysis != null) {
                // The reports are pending while they are re-written with the analysis (a crash now is recovered
                // at start-up); the analysis shows as done only together with the files that carry it.
                history.update(r.withReportsPending());
                updated = ReportRecovery.written(updated.withReportsPending(), artifacts, summary, analysis);
                if (updated.reportsState() == ReportsState.FAILED) {
                    updated = updated.withAnalysis(state, analysis, "analysis done, but re-writing the reports failed; the run's error says why");
                }
            }
            history.update(updated);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not record the analysis of run " + runId, e);
        }
    }

    private static PluginUnavailableException unavailable() {
        return new PluginUnavailableException(MISTRAL,
                "mistral.rs is not configured: set plugin_bus.mistral_endpoint in config.json (or MAID__PLUGIN_BUS__MISTRAL_ENDPOINT)");
    }

    @Override
    public void close() {
        analyses.shutdownNow();
        try {
            analyses.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
