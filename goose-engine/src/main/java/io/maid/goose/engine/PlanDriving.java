package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;

import java.util.function.Consumer;

/**
 * What the drivers of a staged or open plan share with the controller: the timetable and clock they wait on,
 * the stop signal that cuts the plan short, where the plan stands ({@link PlanProgress}) and how a stage is
 * announced.
 *
 * @param overran told where, when the plan reached the run's hard deadline
 */
record PlanDriving(RunTimetable timetable, Clock clock, PhaseTimeline phases, StopSignal stop, PlanProgress progress,
                   EventFanOut events, String runId, Consumer<String> overran) {

    /**
     * Enters {@code stage}: its phase when that differs from the current one (so consecutive stages of one kind
     * stay in one phase), else a log line; {@code what} describes the stage either way.
     */
    void enter(int stage, RunPhase phase, String what) {
        progress.stage(stage);
        if (phase != phases.current()) {
            phases.moveTo(phase, what);
        } else {
            events.publish(new LogEvent(runId, clock.wallTime(), LogLevel.INFO, what));
        }
    }

    /**
     * Waits until {@code offsetNanos} after the run start, never past the hard deadline.
     *
     * @return false when a stop request or the deadline (reported to {@link #overran}, naming {@code stage}) ended
     *         the wait
     */
    boolean waitFor(long offsetNanos, int stage) throws InterruptedException {
        long deadline = timetable.hardDeadline();
        if (!clock.sleepUntil(RunTimetable.earlier(timetable.at(offsetNanos), deadline), stop)) {
            return false;
        }
        if (RunTimetable.reached(deadline, clock.monotonicNanos())) {
            overran.accept("in stage " + stage);
            return false;
        }
        return true;
    }

    void log(LogLevel level, String message) {
        events.publish(new LogEvent(runId, clock.wallTime(), level, message));
    }
}
