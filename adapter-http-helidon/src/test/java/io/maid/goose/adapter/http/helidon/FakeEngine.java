package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.ports.out.RunHistory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A controllable engine: records starts and stops, models active/idle, and lets a test emit events. */
final class FakeEngine implements LoadTestEngine {
    final List<StartRunCommand> starts = new CopyOnWriteArrayList<>();
    final AtomicInteger stops = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile EngineStatus status = EngineStatus.IDLE;
    private volatile Instant now = Instant.parse("2024-06-15T12:00:00Z");
    private final RunHistory history;
    volatile boolean failStatus;
    /** When set, a start is refused with these violations, as the service does for a feeder file it cannot load. */
    volatile List<ConfigViolation> refuseWith;
    /** When set, a start is refused for want of workers, as a cluster coordinator does. */
    volatile io.maid.goose.ports.in.WorkersUnavailableException unavailable;

    /** @param history written the way the service's run coordinator writes it, or null */
    FakeEngine(RunHistory history) {
        this.history = history;
    }

    @Override
    public synchronized RunHandle start(StartRunCommand command) {
        if (status.active()) {
            throw new RunAlreadyActiveException(status.runId());
        }
        if (refuseWith != null) {
            throw new InvalidRunConfigException(refuseWith);
        }
        if (unavailable != null) {
            throw unavailable;
        }
        starts.add(command);
        Instant startedAt = now;
        status = new EngineStatus(true, command.runId(), RunPhase.INCREASE, startedAt, 0, 0, RunState.RUNNING, 600);
        if (history != null) {
            history.insert(RunRecord.started(command.runId(), startedAt, command.config()).withPhase(RunPhase.INCREASE));
        }
        return new Handle(command.runId(), startedAt, new CompletableFuture<>());
    }

    @Override
    public synchronized boolean stop() {
        if (!status.active()) {
            return false;
        }
        stops.incrementAndGet();
        status = new EngineStatus(false, status.runId(), RunPhase.COMPLETED, status.startedAt(), 0, status.elapsedSeconds(),
                RunState.CANCELLED, status.plannedSeconds());
        if (history != null) {
            history.find(status.runId()).map(StoredRun::record).ifPresent(r -> history.update(
                    r.withState(RunState.CANCELLED, now.plusSeconds(5), null).withPhase(RunPhase.COMPLETED)));
        }
        return true;
    }

    @Override
    public EngineStatus status() {
        if (failStatus) {
            throw new IllegalStateException("simulated engine failure with secret detail");
        }
        return status;
    }

    @Override
    public Subscription subscribe(RunEventListener listener) {
        subscriptions.incrementAndGet();
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }

    void emit(RunEvent event) {
        for (RunEventListener l : listeners) {
            l.onEvent(event);
        }
    }

    synchronized void status(EngineStatus s) {
        status = s;
    }

    synchronized void reset() {
        status = EngineStatus.IDLE;
        failStatus = false;
        refuseWith = null;
        unavailable = null;
        starts.clear();
        stops.set(0);
    }

    private record Handle(String runId, Instant startedAt, CompletableFuture<RunSummary> completion) implements RunHandle {
    }
}
