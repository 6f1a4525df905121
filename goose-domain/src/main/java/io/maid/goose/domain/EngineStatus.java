package io.maid.goose.domain;

import java.time.Instant;

/**
 * The engine right now: the API's {@code status} object (docs/api.md) plus live counters. Before any run:
 * {@link #IDLE} ({@code active=false}, no run id, phase {@code idle}, no state). After a run: inactive, with
 * that run's id, phase {@code completed} and its final state.
 *
 * @param active         a run is in progress
 * @param runId          the current or last run, {@code null} before any
 * @param phase          where the run is; {@code completed} once it has ended, whatever its state
 * @param startedAt      wall time of the run's start
 * @param activeUsers    users alive now
 * @param elapsedSeconds whole seconds since the run started (its length, once it has ended)
 * @param state          {@code running} while active; then {@code completed}, {@code cancelled} (stopped)
 *                       or {@code failed}; {@code null} before any run
 * @param plannedSeconds the run's planned length from its load plan (ramp-up, maintain, ramp-down; the
 *                       shutdown grace is not included), rounded up to whole seconds; 0 before any run
 * @param stage          the index of the load plan's stage running now ({@code load.stages} or
 *                       {@code load.arrival.stages}); {@code null} for the shorthand and when no run is active
 * @param targetUsers    the user count the closed plan asks for now; {@code null} in the open model (arrivals
 *                       decide) and when no run is active
 */
public record EngineStatus(boolean active, String runId, RunPhase phase, Instant startedAt, int activeUsers,
                           long elapsedSeconds, RunState state, long plannedSeconds, Integer stage, Integer targetUsers) {
    public static final EngineStatus IDLE = new EngineStatus(false, null, RunPhase.IDLE, null, 0, 0, null, 0);

    /** A status without a plan position (no run active, or a caller that does not know it). */
    public EngineStatus(boolean active, String runId, RunPhase phase, Instant startedAt, int activeUsers,
                        long elapsedSeconds, RunState state, long plannedSeconds) {
        this(active, runId, phase, startedAt, activeUsers, elapsedSeconds, state, plannedSeconds, null, null);
    }
}
