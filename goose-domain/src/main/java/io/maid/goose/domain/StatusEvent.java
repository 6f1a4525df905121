package io.maid.goose.domain;

/** The {@code Status} stream envelope (docs/api.md): where the run is, once a second and on connect. */
public record StatusEvent(String runId, RunPhase phase, int activeUsers, long durationSeconds) implements RunEvent {
}
