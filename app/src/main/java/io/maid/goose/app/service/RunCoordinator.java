package io.maid.goose.app.service;

import io.maid.goose.app.flows.FeedResolver;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.ports.out.RunHistory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one application-level run lifecycle around the engine, used alike by the service (and so by
 * {@code goose demo}, which drives the service) and by {@code goose run}: a run's history record is inserted
 * before the engine starts, updated on every phase change and finalised at the end, with its reports marked
 * {@link ReportsState#PENDING}; then its reports are written through the {@link RunArtifacts}, the record
 * says {@code written} (or {@code failed}, with the files that exist and why), and the history is trimmed to
 * {@code max_history}, each dropped run's artifacts with it. A crash between the two updates leaves the record
 * pending, which {@link #recoverReports()} finishes at the next start ({@link ReportRecovery}). History and
 * report work happens on one background thread, so the engine and the API never wait for the disk, and
 * record updates never race. The summary the engine ends with carries the thresholds' results, so the record
 * gets its verdict ({@link RunRecord#finished}) and the reports their thresholds from the same place on every
 * path; each listener then gets the {@link FinishedRun}.
 */
public final class RunCoordinator implements LoadTestEngine, AutoCloseable {
    private static final Logger LOG = System.getLogger(RunCoordinator.class.getName());
    private final LoadTestEngine engine;
    private final FeedResolver feeds;
    private final RunHistory history;
    private final RunArtifacts artifacts;
    private final int maxHistory;
    private final Clock wallClock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("goose-history").factory());
    private final List<Consumer<FinishedRun>> finishedListeners = new ArrayList<>();

    /** @param feeds loads a config's CSV feeders before its run is recorded and started */
    public RunCoordinator(LoadTestEngine engine, RunHistory history, RunArtifacts artifacts, int maxHistory,
                          Clock wallClock, FeedResolver feeds) {
        this.engine = engine;
        this.feeds = feeds;
        this.history = history;
        this.artifacts = artifacts;
        this.maxHistory = maxHistory;
        this.wallClock = wallClock;
        engine.subscribe(this::onEvent);
    }

    /** Called on the background thread after a run's record and reports are final (e.g. to start an analysis). */
    public synchronized void onRunFinished(Consumer<FinishedRun> listener) {
        finishedListeners.add(listener);
    }

    /**
     * Loads the config's feeder files, then records the run (with the config as it was written: a CSV feeder
     * stays its path, not its rows) and starts it with the rows.
     *
     * @throws InvalidRunConfigException when a feeder file cannot be loaded; nothing is recorded
     */
    @Override
    public synchronized RunHandle start(StartRunCommand command) {
        EngineStatus now = engine.status();
        if (now.active()) {
            throw new RunAlreadyActiveException(now.runId());
        }
        return start(new StartRunCommand(feeds.resolve(command.config()), command.runId()), command.config());
    }

    /**
     * Records the run with {@code recordedAs} (the config as it was written, its CSV feeders as paths) and starts
     * {@code command}, whose config is already runnable (its feeders loaded): for {@code goose run}, which loads
     * the feeders while it checks the config.
     */
    public synchronized RunHandle start(StartRunCommand command, RunConfig recordedAs) {
        EngineStatus now = engine.status();
        if (now.active()) {
            throw new RunAlreadyActiveException(now.runId());
        }
        RunConfig runnable = command.config();
        RunRecord record = RunRecord.started(command.runId(), wallClock.instant(), recordedAs);
        history.insert(record);
        try {
            return engine.start(new StartRunCommand(runnable, command.runId()));
        } catch (RuntimeException e) {
            history.update(record.withState(RunState.FAILED, wallClock.instant(), "could not start: " + e.getMessage()));
            throw e;
        }
    }

    @Override
    public boolean stop() {
        return engine.stop();
    }

    @Override
    public EngineStatus status() {
        return engine.status();
    }

    @Override
    public Subscription subscribe(RunEventListener listener) {
        return engine.subscribe(listener);
    }

    private void onEvent(RunEvent event) {
        switch (event) {
            case PhaseChange p -> background.execute(() -> updatePhase(p));
            case RunEnded e -> background.execute(() -> finish(e.summary()));
            default -> { }
        }
    }

    private void updatePhase(PhaseChange p) {
        try {
            history.find(p.runId()).map(StoredRun::record).filter(r -> !r.state().isFinal())
                    .ifPresent(r -> history.update(r.withPhase(p.to())));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not record phase " + p.to().wireName() + " of run " + p.runId(), e);
        }
    }

    /**
     * Finishes, on the history thread, the reports of every run whose record a crash left
     * {@link ReportsState#PENDING}; call once at start-up, before runs start.
     */
    public void recoverReports() {
        background.execute(() -> {
            try {
                new ReportRecovery(history, artifacts).recoverAll();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "recovering the reports of interrupted runs failed", e);
            }
        });
    }

    private void finish(RunSummary ran) {
        RunRecord record;
        try {
            // One update: the run is final and its reports are pending. A crash from here on leaves exactly that.
            record = history.find(ran.runId()).map(StoredRun::record).orElseGet(
                    () -> RunRecord.started(ran.runId(), ran.startedAt(), ran.config()))
                    .finished(ran).withReportsPending();
            history.update(record);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not finalise run " + ran.runId() + " in history", e);
            notifyFinished(new FinishedRun(RunRecord.started(ran.runId(), ran.startedAt(), ran.config())
                    .finished(ran), ran, e));
            return;
        }
        // The reports and the listeners get the config as written, as history has it: a CSV feeder's path, not
        // its rows (which may hold credentials, and would make report.json as large as the file).
        RunSummary summary = ran.withConfig(record.config());
        RuntimeException reportFailure = null;
        try {
            record = record.withReports(ReportsState.WRITTEN, artifacts.write(summary, null), record.error());
        } catch (RuntimeException e) {
            reportFailure = e;
            record = ReportRecovery.failed(record, artifacts, summary.runId(), e);
        }
        try {
            history.update(record);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not record the reports of run " + summary.runId() + " in history", e);
        }
        trimHistory();
        notifyFinished(new FinishedRun(record, summary, reportFailure));
    }

    private void notifyFinished(FinishedRun done) {
        List<Consumer<FinishedRun>> listeners;
        synchronized (this) {
            listeners = List.copyOf(finishedListeners);
        }
        for (Consumer<FinishedRun> l : listeners) {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "run-finished listener failed for " + done.summary().runId(), e);
            }
        }
    }

    private void trimHistory() {
        try {
            for (RunListing gone : history.retainNewest(maxHistory)) {
                try {
                    artifacts.delete(gone.runId());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not delete the reports of old run " + gone.runId() + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "history retention failed", e);
        }
    }

    /** Runs {@code task} on the history thread, after everything queued before it. */
    public void runInBackground(Runnable task) {
        background.execute(task);
    }

    /** Waits for queued history and report work, up to {@code seconds}. */
    public boolean drain(long seconds) throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(1);
        background.execute(done::countDown);
        return done.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "history/report work still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
