package io.maid.goose.domain;

import io.maid.goose.domain.threshold.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * A run as history lists it: what a page of runs shows, read from the record's own columns, without
 * decoding its config.
 *
 * @param users          the config's user count, or {@code null} when history cannot tell
 * @param target         the config's {@code target_base_url}, or {@code null} when history cannot tell
 * @param reportsState   where the run's reports stand; {@code none} when null
 * @param configOutdated the stored config no longer passes today's config rules (it was written before a rule
 *                       was tightened); the run's detail then shows the config as stored
 * @param verdict        the finished run's CI verdict, or {@code null} (running, or recorded before verdicts)
 */
public record RunListing(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                         Integer users, String target, RunTotals totals, List<String> reportFiles,
                         ReportsState reportsState, String error, AnalysisState analysisState, boolean configOutdated,
                         Verdict verdict) {
    public RunListing {
        reportFiles = reportFiles == null ? List.of() : List.copyOf(reportFiles);
        reportsState = reportsState == null ? ReportsState.NONE : reportsState;
        totals = totals == null ? RunTotals.NONE : totals;
        analysisState = analysisState == null ? AnalysisState.NONE : analysisState;
    }

    /** A listing without a verdict. */
    public RunListing(String runId, RunState state, RunPhase phase, Instant startedAt, Instant endedAt,
                      Integer users, String target, RunTotals totals, List<String> reportFiles,
                      ReportsState reportsState, String error, AnalysisState analysisState, boolean configOutdated) {
        this(runId, state, phase, startedAt, endedAt, users, target, totals, reportFiles, reportsState, error,
                analysisState, configOutdated, null);
    }

    /** The listing of {@code r}; a record without a config (see {@link StoredRun}) is listed as outdated. */
    public static RunListing of(RunRecord r) {
        RunConfig c = r.config();
        return new RunListing(r.runId(), r.state(), r.phase(), r.startedAt(), r.endedAt(),
                c == null ? null : c.users(), c == null ? null : c.targetBaseUrl().toString(), r.totals(),
                r.reportFiles(), r.reportsState(), r.error(), r.analysisState(), c == null, r.verdict());
    }
}
