package io.maid.goose.domain;

import java.time.Instant;

/** A human-readable line about the run: phase changes, start, end, error bursts. */
public record LogEvent(String runId, Instant timestamp, LogLevel level, String message) implements RunEvent {
}
