package io.maid.goose.app.service;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An engine that records what it is asked to start and whose runs end when the test says, with the summary the
 * test gives: for the run coordinator's tests.
 */
final class EndingEngine implements LoadTestEngine {
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<StartRunCommand> started = new CopyOnWriteArrayList<>();

    @Override
    public RunHandle start(StartRunCommand command) {
        started.add(command);
        CompletableFuture<RunSummary> completion = new CompletableFuture<>();
        Instant startedAt = Instant.now();
        return new RunHandle() {
            @Override
            public String runId() {
                return command.runId();
            }

            @Override
            public Instant startedAt() {
                return startedAt;
            }

            @Override
            public CompletableFuture<RunSummary> completion() {
                return completion;
            }
        };
    }

    /** What the engine was asked to start, in order. */
    List<StartRunCommand> started() {
        return started;
    }

    /** Ends the run of {@code summary}: every subscriber gets its {@link RunEnded}. */
    void end(RunSummary summary) {
        listeners.forEach(l -> l.onEvent(new RunEnded(summary)));
    }

    @Override
    public boolean stop() {
        return false;
    }

    @Override
    public EngineStatus status() {
        return EngineStatus.IDLE;
    }

    @Override
    public Subscription subscribe(RunEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
