package io.maid.goose.ports.in;

/**
 * (Re-)requests the AI bottleneck analysis of a finished run. Returns at once; the analysis runs in the
 * background and its state (pending, done, failed and why) is kept on the run's history record.
 */
public interface RequestAnalysisUseCase {
    /**
     * @throws PluginUnavailableException when no model server is configured
     * @throws java.util.NoSuchElementException when there is no such run
     * @throws IllegalStateException when the run has not finished yet
     * @throws AnalysisInputUnavailableException when the run's measurements are no longer available
     */
    void requestAnalysis(String runId);
}
