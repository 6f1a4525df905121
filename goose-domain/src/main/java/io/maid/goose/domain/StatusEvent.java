package io.maid.goose.domain;

/**
 * The {@code Status} stream envelope (docs/api.md): where the run is, once a second and on connect.
 *
 * @param runId           the run
 * @param phase           its phase
 * @param activeUsers     users alive
 * @param durationSeconds whole seconds <em>elapsed</em> since the run started (not its planned length)
 * @param plannedSeconds  the planned run length, rounded up to whole seconds; see {@link EngineStatus}
 */
public record StatusEvent(String runId, RunPhase phase, int activeUsers, long durationSeconds, long plannedSeconds)
        implements RunEvent {
}
