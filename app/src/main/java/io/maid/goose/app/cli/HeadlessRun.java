package io.maid.goose.app.cli;

import io.maid.goose.adapter.persistence.SqliteRunHistory;
import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.app.service.FinishedRun;
import io.maid.goose.app.service.RunCoordinator;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RunArtifacts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one config in-process with live console progress, through the same run lifecycle as the service
 * ({@link RunCoordinator}): the run is recorded in history, its reports are written and the history trimmed
 * on the lifecycle's thread, and the verdict reaches the record, the reports and the summary printed here.
 */
public final class HeadlessRun {
    /** How long the reports of a finished run may take to be written before goose gives up waiting. */
    static final long REPORTS_TIMEOUT_SECONDS = 600;

    /**
     * What a headless run produced.
     *
     * @param reportFailure why the reports could not be written, or null when they were
     */
    public record Result(RunSummary summary, Path reportDirectory, List<String> reportFiles, String reportFailure) {
    }

    /**
     * Where a headless run keeps its history and reports.
     *
     * @param database   the SQLite history file
     * @param reportRoot the folder each run's report folder goes in
     * @param maxHistory how many runs history keeps
     */
    public record Storage(Path database, Path reportRoot, int maxHistory) {
    }

    private HeadlessRun() {
    }

    /**
     * Runs {@code runnable} (its feeders loaded), recorded as {@code asWritten}, fitting the progress lines and the
     * summary to {@code width} columns.
     *
     * @param configFile     the config's file, whose folder the feeders' CSV paths are relative to
     * @param allowedTargets the hosts redirects may lead to
     */
    public static Result execute(RunConfig asWritten, RunConfig runnable, Path configFile, Settings.Engine transportChoice,
                                 TargetAllowList allowedTargets, Storage storage, int width, PrintStream out,
                                 PrintStream err) throws InterruptedException {
        try (LoadTransport transport = Composition.transport(transportChoice);
             ConsoleProgress progress = new ConsoleProgress(out, width)) {
            GooseEngine engine = Composition.engine(transport, allowedTargets, progress);
            return follow(engine, progress, asWritten, runnable, configFile, storage, width, out, err);
        }
    }

    /**
     * Runs {@code runnable} on {@code engine} (this process's, or a cluster coordinator's) through the run lifecycle,
     * printing its progress to {@code progress} (already subscribed to the engine's events), then the summary and
     * where the reports are.
     */
    static Result follow(LoadTestEngine engine, ConsoleProgress progress, RunConfig asWritten, RunConfig runnable,
                         Path configFile, Storage storage, int width, PrintStream out, PrintStream err)
            throws InterruptedException {
        RunArtifacts artifacts = Composition.artifacts(storage.reportRoot());
        FinishedRun done;
        try (SqliteRunHistory history = Composition.history(storage.database())) {
            CompletableFuture<FinishedRun> finished = new CompletableFuture<>();
            try (RunCoordinator lifecycle = new RunCoordinator(engine, history, artifacts, storage.maxHistory(),
                    Clock.systemUTC(), Composition.feedResolver(FeedFolder.relativeTo(
                            configFile.toAbsolutePath().getParent())))) {
                lifecycle.onRunFinished(finished::complete);
                RunHandle handle = lifecycle.start(StartRunCommand.of(runnable), asWritten);
                progress.begin(List.of(runnable.isShorthand() ? String.format(Locale.ROOT,
                        "goose: run %s started: %d users at %s/s against %s", handle.runId(), runnable.users(),
                        ConsoleFormat.number(runnable.hatchRate()), runnable.targetBaseUrl())
                        : String.format(Locale.ROOT, "goose: run %s started: %s, against %s", handle.runId(),
                                runnable.load().describe(), runnable.targetBaseUrl())),
                        engine.status().plannedSeconds());
                try (SignalStopper ignored = new SignalStopper(engine::stop, err)) {
                    handle.await();
                }
                done = finished.get(REPORTS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the run's history record and reports were not finished within "
                        + REPORTS_TIMEOUT_SECONDS + " s", e);
            }
        }
        RunSummary summary = done.summary();
        out.print(SummaryTable.render(summary, width));
        Path dir = Path.of(artifacts.location(summary.runId())).toAbsolutePath().normalize();
        if (done.reportFailure() != null) {
            String cause = IoProblems.describe(done.reportFailure(), dir);
            err.println("goose: could not write the reports to " + dir + ": " + cause);
            return new Result(summary, dir, done.record().reportFiles(), cause);
        }
        out.println(ConsoleFormat.reports(dir, done.record().reportFiles()));
        return new Result(summary, dir, done.record().reportFiles(), null);
    }
}
