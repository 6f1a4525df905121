package io.maid.goose.engine;

import io.maid.goose.engine.shape.LoadShape;

/**
 * A run's timetable on the monotonic clock, fixed at its start: its planned length and the <b>hard
 * deadline</b> (planned length + shutdown grace) by which the run has ended whatever happens. The
 * controller caps every wait of its phases with it.
 *
 * <p>Overflow-proof: offsets come saturated from the {@link LoadShape}, and an offset beyond
 * {@link #NEVER} (about 73 years) is treated as {@code NEVER}, so a deadline is always within a quarter
 * of the {@code long} range of the start and comparing it with the clock by difference, as {@link #reached}
 * does (and as clocks do), can never wrap round. Immutable.
 */
final class RunTimetable {
    /** Offsets are capped here: far enough to mean "never", near enough that differences cannot overflow. */
    static final long NEVER = Long.MAX_VALUE / 4;
    private static final long SECOND = 1_000_000_000L;

    private final long startNanos;
    private final long plannedNanos;
    private final long graceNanos;

    RunTimetable(long startNanos, LoadShape shape, long graceNanos) {
        this(startNanos, shape.plannedNanos(), graceNanos);
    }

    /** For a plan that is no {@link LoadShape} (stages, arrivals): its planned length, saturated. */
    RunTimetable(long startNanos, long plannedNanos, long graceNanos) {
        this.startNanos = startNanos;
        this.plannedNanos = plannedNanos;
        this.graceNanos = graceNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** The monotonic time {@code offsetNanos} after the start (capped at {@link #NEVER}). */
    long at(long offsetNanos) {
        return startNanos + Math.min(Math.max(0, offsetNanos), NEVER);
    }

    /** The planned length plus the shutdown grace after the start: by then the run has ended. */
    long hardDeadline() {
        return at(LoadShape.saturatingAdd(plannedNanos, graceNanos));
    }

    long plannedNanos() {
        return plannedNanos;
    }

    /** The planned length in whole seconds, rounded up. */
    long plannedSeconds() {
        return plannedNanos / SECOND + (plannedNanos % SECOND == 0 ? 0 : 1);
    }

    /** Whether {@code deadline} has been reached at {@code now}, by difference (wrap-safe). */
    static boolean reached(long deadline, long now) {
        return now - deadline >= 0;
    }

    /** The earlier of two deadlines, by difference (wrap-safe). */
    static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }
}
