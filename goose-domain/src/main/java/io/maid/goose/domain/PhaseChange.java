package io.maid.goose.domain;

import java.time.Instant;

/** The run moved from one phase to the next at {@code at} (wall time). */
public record PhaseChange(String runId, RunPhase from, RunPhase to, Instant at) implements RunEvent {
}
