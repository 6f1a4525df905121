package io.maid.goose.app.service;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.ReportFormat;
import io.maid.goose.domain.ReportsSpec;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.out.ArtifactRecovery;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunHistory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writing a run's reports, and finishing them after a crash, with the record always saying what exists.
 *
 * <p>A run's record is marked {@link ReportsState#PENDING} before its reports are written, in the same
 * update that finalises the run. A record still pending at start-up was cut short: the process died while
 * the reports were being written (kill -9, power cut, OOM). {@link #recoverAll()} then, for each such run,
 * removes the temporary files the writer left, regenerates every missing format from the run's
 * {@code report.json} (the analysis on the record included), and records the files that exist, as
 * {@code written}; when a format cannot be regenerated (no readable report.json) the record says
 * {@code failed}, lists what is there and says why in its error. Never throws for one run: a failure is
 * logged and recorded, and the next run is recovered.
 *
 * <p>Runs on the {@link RunCoordinator}'s history thread, like every other record update.
 */
final class ReportRecovery {
    private static final Logger LOG = System.getLogger(ReportRecovery.class.getName());
    static final String CRASHED = "reports incomplete after a crash while they were written";

    private final RunHistory history;
    private final RunArtifacts artifacts;

    ReportRecovery(RunHistory history, RunArtifacts artifacts) {
        this.history = history;
        this.artifacts = artifacts;
    }

    /**
     * Writes {@code summary}'s reports (with {@code analysis}, when given) and returns {@code record} with
     * the result: written with every file, or failed with the files that exist and the cause in its error.
     */
    static RunRecord written(RunRecord record, RunArtifacts artifacts, RunSummary summary, Analysis analysis) {
        try {
            return record.withReports(ReportsState.WRITTEN, artifacts.write(summary, analysis), record.error());
        } catch (RuntimeException e) {
            return failed(record, artifacts, summary.runId(), e);
        }
    }

    /** {@code record} after writing its reports failed with {@code e}: the files that exist, and why, logged. */
    static RunRecord failed(RunRecord record, RunArtifacts artifacts, String runId, RuntimeException e) {
        String why = "report writing failed: " + e.getMessage();
        LOG.log(Level.ERROR, "run " + runId + ": " + why, e);
        return record.withReports(ReportsState.FAILED, existing(artifacts, runId), join(record.error(), why));
    }

    /** Finishes the reports of every run whose record is still pending. */
    void recoverAll() {
        for (RunListing pending : history.reportsPending()) {
            try {
                history.find(pending.runId()).map(StoredRun::record).ifPresent(r -> history.update(recover(r)));
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "could not recover the reports of run " + pending.runId(), e);
            }
        }
    }

    /** {@code r}, a record left pending, with its reports finished as far as they can be. */
    RunRecord recover(RunRecord r) {
        String runId = r.runId();
        Optional<RunSummary> summary = Optional.empty();
        String unreadable = null;
        try {
            summary = artifacts.readSummary(runId);
        } catch (RuntimeException e) {
            unreadable = e.getMessage();
        }
        // An outdated record has no config; the report.json it was written with still says what it asked for.
        ReportsSpec expected = r.config() != null ? r.config().reports()
                : summary.map(s -> s.config().reports()).orElse(null);
        ArtifactRecovery found = artifacts.recover(runId, expected == null ? new ReportsSpec(List.of()) : expected);
        if (!found.removedTemporaryFiles().isEmpty()) {
            LOG.log(Level.WARNING, "run " + runId + ": removed " + String.join(", ", found.removedTemporaryFiles())
                    + ", left by a crash while its reports were written");
        }
        if (expected == null) {
            return failed(r, found.files(), "its config is outdated and report.json, which says which reports it "
                    + "asked for, is " + (unreadable == null ? "missing" : "unreadable: " + unreadable));
        }
        boolean analysisMissing = r.analysis() != null && !found.files().contains(RunArtifacts.ANALYSIS_FILE);
        if (found.complete() && !analysisMissing) {
            LOG.log(Level.INFO, "run " + runId + ": its reports were complete; recorded them as written");
            return r.withReports(ReportsState.WRITTEN, found.files(), r.error());
        }
        if (summary.isEmpty()) {
            String cause = unreadable != null ? "report.json cannot be read: " + unreadable
                    : "report.json, which they are regenerated from, is missing";
            return failed(r, found.files(), formats(found.missingFormats()) + " could not be regenerated: " + cause);
        }
        try {
            List<String> regenerated = artifacts.write(summary.get(), r.analysis(), found.missingFormats());
            LOG.log(Level.WARNING, "run " + runId + ": regenerated " + String.join(", ", regenerated)
                    + " from report.json after a crash while its reports were written");
            return r.withReports(ReportsState.WRITTEN, artifacts.list(runId), r.error());
        } catch (RuntimeException e) {
            return failed(r, existing(artifacts, runId), "regenerating " + formats(found.missingFormats())
                    + " failed: " + e.getMessage());
        }
    }

    private static RunRecord failed(RunRecord r, List<String> files, String why) {
        String message = CRASHED + ": " + why;
        LOG.log(Level.ERROR, "run " + r.runId() + ": " + message);
        return r.withReports(ReportsState.FAILED, files, join(r.error(), message));
    }

    private static List<String> existing(RunArtifacts artifacts, String runId) {
        try {
            return artifacts.list(runId);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The formats in their order ({@link ArtifactRecovery} keeps it), or the analysis when none is missing. */
    private static String formats(Set<ReportFormat> formats) {
        return formats.isEmpty() ? "the analysis"
                : "the " + formats.stream().map(ReportFormat::wireName).collect(Collectors.joining(", ")) + " reports";
    }

    private static String join(String error, String why) {
        return error == null ? why : error + "; " + why;
    }
}
