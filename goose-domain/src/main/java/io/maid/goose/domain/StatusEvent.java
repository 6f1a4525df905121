package io.maid.goose.domain;

/** The seed's {@code Status} envelope: where the run is, once a second and on connect. */
public record StatusEvent(String runId, RunPhase phase, int activeUsers, long durationSeconds) implements RunEvent {
}
