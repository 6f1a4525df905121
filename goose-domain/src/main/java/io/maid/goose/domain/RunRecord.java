package io.maid.goose.domain;

import io.maid.goose.domain.threshold.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * A run as kept in history: inserted before the engine starts, updated on every phase change, finalised
 * at the end.
 *
 * @param reportFiles   the report file names written for the run (the only names that may be served)
 * @param reportsState  where the run's reports stand (see {@link ReportsState}); {@code none} when null
 * @param error         why the run failed, or a report-writing failure, or {@code null}
 * @param analysis      the AI analysis, or {@code null}
 * @param analysisError why the analysis failed, or {@code null}
 * @param verdict       the finished run's CI verdict ({@link RunSummary#verdict()}); {@code null} while it runs,
 *                      and for runs recorded before verdicts were kept
 */
public record RunRecord(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                        RunConfig config, RunTotals totals, List<String> reportFiles, ReportsState reportsState,
                        String error, AnalysisState analysisState, Analysis analysis, String analysisError,
                        Verdict verdict) {
    public RunRecord {
        reportFiles = reportFiles == null ? List.of() : List.copyOf(reportFiles);
        reportsState = reportsState == null ? ReportsState.NONE : reportsState;
        totals = totals == null ? RunTotals.NONE : totals;
        analysisState = analysisState == null ? AnalysisState.NONE : analysisState;
    }

    /** A record without a verdict, as records were before verdicts were kept (and as a running one is). */
    public RunRecord(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                     RunConfig config, RunTotals totals, List<String> reportFiles, ReportsState reportsState,
                     String error, AnalysisState analysisState, Analysis analysis, String analysisError) {
        this(runId, state, phase, startedAt, endedAt, config, totals, reportFiles, reportsState, error, analysisState,
                analysis, analysisError, null);
    }

    /** A record whose reports state is {@link ReportsState#NONE}, as records were before the state was kept. */
    public RunRecord(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                     RunConfig config, RunTotals totals, List<String> reportFiles, String error,
                     AnalysisState analysisState, Analysis analysis, String analysisError) {
        this(runId, state, phase, startedAt, endedAt, config, totals, reportFiles, ReportsState.NONE, error,
                analysisState, analysis, analysisError);
    }

    public static RunRecord started(String runId, Instant startedAt, RunConfig config) {
        return new RunRecord(runId, RunState.RUNNING, RunPhase.IDLE, startedAt, null, config, RunTotals.NONE,
                List.of(), ReportsState.NONE, null, AnalysisState.NONE, null, null);
    }

    public RunRecord withPhase(RunPhase p) {
        return new RunRecord(runId, state, p, startedAt, endedAt, config, totals, reportFiles, reportsState, error,
                analysisState, analysis, analysisError, verdict);
    }

    public RunRecord finished(RunSummary s) {
        return new RunRecord(runId, s.state(), RunPhase.COMPLETED, startedAt, s.endedAt(), config, RunTotals.of(s),
                reportFiles, reportsState, s.failureReason(), analysisState, analysis, analysisError, s.verdict());
    }

    public RunRecord withState(RunState st, Instant ended, String err) {
        return new RunRecord(runId, st, phase, startedAt, ended, config, totals, reportFiles, reportsState, err,
                analysisState, analysis, analysisError, st == RunState.FAILED ? Verdict.FAILED : verdict);
    }

    /** The reports as they now stand: their state, the files that exist, and the record's error. */
    public RunRecord withReports(ReportsState st, List<String> files, String err) {
        return new RunRecord(runId, state, phase, startedAt, endedAt, config, totals, files, st, err, analysisState,
                analysis, analysisError, verdict);
    }

    /** Reports about to be written: {@link ReportsState#PENDING}, the files and error as they are. */
    public RunRecord withReportsPending() {
        return withReports(ReportsState.PENDING, reportFiles, error);
    }

    public RunRecord withAnalysis(AnalysisState st, Analysis a, String err) {
        return new RunRecord(runId, state, phase, startedAt, endedAt, config, totals, reportFiles, reportsState, error,
                st, a, err, verdict);
    }
}
