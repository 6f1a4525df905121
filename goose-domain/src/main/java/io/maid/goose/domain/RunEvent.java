package io.maid.goose.domain;

/**
 * Everything the engine tells the outside world while a run goes on, as one sealed family so that sinks
 * can switch over it exhaustively.
 */
public sealed interface RunEvent permits MetricsSnapshot, LogEvent, StatusEvent, PhaseChange, RunEnded,
        IntervalSampleEvent {
    /** The run this event belongs to. */
    String runId();
}
