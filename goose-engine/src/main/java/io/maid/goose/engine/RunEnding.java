package io.maid.goose.engine;

import io.maid.goose.domain.RunState;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.domain.threshold.Thresholds;
import io.maid.goose.ports.out.StopSignal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Why a run ends, and the one signal that cuts its waits short. A run ends
 * <ul>
 *   <li>{@code failed} when anything {@link #fail failed} (the first reason is kept);</li>
 *   <li>{@code cancelled} when someone {@link #requestStop asked it to stop} before its state was decided;</li>
 *   <li>{@code completed} otherwise: it ran its course, or {@link #endEarly ended early} because there was
 *       nothing left to do (its data ran out), which is the plan's end, only sooner.</li>
 * </ul>
 * The state is decided once, when the summary is made; a stop request after that is refused. Thread-safe.
 */
final class RunEnding {
    private final StopSignal stopRequested = new StopSignal();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Object decision = new Object();
    private boolean cancelled;
    private boolean decided;
    private volatile String endedEarly;

    /** Signalled by a stop request, an early end or a failure. */
    StopSignal signal() {
        return stopRequested;
    }

    /** @return false if the run has already decided how it ended */
    boolean requestStop() {
        synchronized (decision) {
            if (decided) {
                return false;
            }
            cancelled = true;
        }
        stopRequested.signal();
        return true;
    }

    /** Ends the run gracefully before its plan, as the end of maintain would (not cancelled). */
    void endEarly(String why) {
        synchronized (decision) {
            if (endedEarly == null) {
                endedEarly = why;
            }
        }
        stopRequested.signal();
    }

    /**
     * A unique feeder ran out: {@code warn} says so, and with {@code on_exhausted: stop_run} the run ends early.
     */
    void feederExhausted(DataFeeder feeder, Consumer<String> warn) {
        boolean stopRun = feeder.onExhausted() == OnExhausted.STOP_RUN;
        warn.accept("data feeder '" + feeder.name() + "' ran out of rows: each of its "
                + ((FeedSource.Rows) feeder.source()).rows().size()
                + " rows was handed out once (unique); " + (stopRun
                ? "stopping the run (on_exhausted: stop_run)" : "each user that needs a row stops"));
        if (stopRun) {
            endEarly("data feeder '" + feeder.name() + "' ran out of rows");
        }
    }

    /** @return whether this was the run's first failure (the one it reports) */
    boolean fail(String reason) {
        boolean first = failure.compareAndSet(null, reason);
        stopRequested.signal();
        return first;
    }

    /** The first failure's reason, or null. */
    String failure() {
        return failure.get();
    }

    /** Why decrease began: the failure, the deadline, the early end, a stop request or the plan. */
    String decreaseReason(boolean overran) {
        return decreaseReason(overran, "maintain ended");
    }

    /** As {@link #decreaseReason(boolean)}, with {@code planEnded} as the reason when the plan ran its course. */
    String decreaseReason(boolean overran, String planEnded) {
        synchronized (decision) {
            String failed = failure.get();
            return failed != null ? (failed.startsWith(Thresholds.ABORT_REASON + ":") ? "an abort_on_fail threshold failed"
                    : "the run failed") : overran ? "hard deadline reached"
                    : endedEarly != null && !cancelled ? endedEarly
                    : stopRequested.isSignalled() ? "stop requested" : planEnded;
        }
    }

    /** Decides the final state (once; later stop requests are refused). */
    RunState decide() {
        synchronized (decision) {
            decided = true;
            if (failure.get() != null) {
                return RunState.FAILED;
            }
            return cancelled ? RunState.CANCELLED : RunState.COMPLETED;
        }
    }
}
