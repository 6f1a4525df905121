package io.maid.goose.domain;

import java.time.Instant;

/**
 * The engine right now: the API's {@code status} object (docs/api.md) plus live counters. Before any run:
 * {@code active=false}, {@code runId=null}, phase {@code idle}.
 */
public record EngineStatus(boolean active, String runId, RunPhase phase, Instant startedAt, int activeUsers,
                           long elapsedSeconds) {
    public static final EngineStatus IDLE = new EngineStatus(false, null, RunPhase.IDLE, null, 0, 0);
}
