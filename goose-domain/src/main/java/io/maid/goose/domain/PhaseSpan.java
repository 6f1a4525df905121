package io.maid.goose.domain;

import java.time.Instant;

/** When a phase began and ended (wall time); {@code endedAt} is null while the phase lasts. */
public record PhaseSpan(RunPhase phase, Instant startedAt, Instant endedAt) {
}
