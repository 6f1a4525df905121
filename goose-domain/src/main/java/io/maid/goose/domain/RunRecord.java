package io.maid.goose.domain;

import java.time.Instant;
import java.util.List;

/**
 * A run as kept in history: inserted before the engine starts, updated on every phase change, finalised
 * at the end.
 *
 * @param reportFiles   the report file names written for the run (the only names that may be served)
 * @param error         why the run failed, or a report-writing failure, or {@code null}
 * @param analysis      the AI analysis, or {@code null}
 * @param analysisError why the analysis failed, or {@code null}
 */
public record RunRecord(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                        RunConfig config, RunTotals totals, List<String> reportFiles, String error,
                        AnalysisState analysisState, Analysis analysis, String analysisError) {
    public RunRecord {
        reportFiles = reportFiles == null ? List.of() : List.copyOf(reportFiles);
        totals = totals == null ? RunTotals.NONE : totals;
        analysisState = analysisState == null ? AnalysisState.NONE : analysisState;
    }

    public static RunRecord started(String runId, Instant startedAt, RunConfig config) {
        return new RunRecord(runId, RunState.RUNNING, RunPhase.IDLE, startedAt, null, config, RunTotals.NONE,
                List.of(), null, AnalysisState.NONE, null, null);
    }

    public RunRecord withPhase(RunPhase p) {
        return new RunRecord(runId, state, p, startedAt, endedAt, config, totals, reportFiles, error, analysisState, analysis, analysisError);
    }

    public RunRecord finished(RunSummary s) {
        return new RunRecord(runId, s.state(), RunPhase.COMPLETED, startedAt, s.endedAt(), config, RunTotals.of(s),
                reportFiles, s.failureReason(), analysisState, analysis, analysisError);
    }

    public RunRecord withState(RunState st, Instant ended, String err) {
        return new RunRecord(runId, st, phase, startedAt, ended, config, totals, reportFiles, err, analysisState, analysis, analysisError);
    }

    public RunRecord withReports(List<String> files, String err) {
        return new RunRecord(runId, state, phase, startedAt, endedAt, config, totals, files, err, analysisState, analysis, analysisError);
    }

    public RunRecord withAnalysis(AnalysisState st, Analysis a, String err) {
        return new RunRecord(runId, state, phase, startedAt, endedAt, config, totals, reportFiles, error, st, a, err);
    }
}
