package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunPhase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The phase a run is in, and the spans it has been through. Each move publishes a {@link PhaseChange}
 * and an info {@link LogEvent}, both stamped with the same instant of the run's {@link RunTime}, so a span's
 * length is the monotonic time the phase lasted. {@link #current()} is a volatile
 * read, cheap enough for status queries at any rate.
 *
 * <p>{@link #publishInCurrent} lets another thread publish events about the current phase without a move
 * slipping in between its read of the phase and its publishing: a consumer that takes the events in order
 * (the CLI, the stream) then never sees a snapshot that says {@code maintain} after the
 * {@code decrease} and {@code shutdown} lines.
 */
final class PhaseTimeline {
    private final String runId;
    private final RunTime time;
    private final EventFanOut events;
    private final List<PhaseSpan> spans = new ArrayList<>();
    private volatile RunPhase current = RunPhase.IDLE;
    private long lastNanos;

    PhaseTimeline(String runId, RunTime time, EventFanOut events) {
        this.runId = runId;
        this.time = time;
        this.events = events;
    }

    RunPhase current() {
        return current;
    }

    /** Moves to {@code next}; {@link RunPhase#COMPLETED} is recorded as a span that starts and ends at once. */
    void moveTo(RunPhase next, String message) {
        moveTo(next, message, time.clock().monotonicNanos());
    }

    /**
     * Moves to {@code next} as of {@code monotonicNanos}, the reading a phase's length was measured from,
     * so that a phase held for exactly its length shows exactly that length. A reading older than the last
     * move (another thread's) is taken as that move's, so spans never run backwards.
     */
    synchronized void moveTo(RunPhase next, String message, long monotonicNanos) {
        lastNanos = spans.isEmpty() ? monotonicNanos : Math.max(lastNanos, monotonicNanos);
        Instant now = time.at(lastNanos);
        RunPhase from = current;
        if (!spans.isEmpty()) {
            PhaseSpan open = spans.removeLast();
            spans.add(new PhaseSpan(open.phase(), open.startedAt(), now));
        }
        spans.add(new PhaseSpan(next, now, next == RunPhase.COMPLETED ? now : null));
        current = next;
        events.publish(new PhaseChange(runId, from, next, now));
        events.publish(new LogEvent(runId, now, LogLevel.INFO, "phase " + next.wireName() + ": " + message));
    }

    /**
     * Calls {@code publish} with the current phase while no move can happen, and returns what it returns.
     * {@code publish} must be quick and must not move the phase.
     */
    synchronized <T> T publishInCurrent(Function<RunPhase, T> publish) {
        return publish.apply(current);
    }

    synchronized List<PhaseSpan> spans() {
        return List.copyOf(spans);
    }
}
