package io.maid.goose.engine;

import io.maid.goose.engine.shape.ClosedLoadShape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTimetableTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theHardDeadlineIsThePlannedLengthPlusTheGrace() {
        RunTimetable t = new RunTimetable(100, new ClosedLoadShape(2, 2, SECOND), 5 * SECOND);
        assertEquals(2 * SECOND, t.plannedNanos());
        assertEquals(100 + 7 * SECOND, t.hardDeadline());
        assertEquals(2, t.plannedSeconds());
    }

    @Test
    void plannedSecondsRoundUp() {
        assertEquals(13, new RunTimetable(0, new ClosedLoadShape(3, 4.0 / 3, 10 * SECOND), SECOND).plannedSeconds());
    }

    @Test
    void aSaturatedPlanIsNeverReachedAndNeverWrapsWhateverTheClocksOrigin() {
        ClosedLoadShape endless = new ClosedLoadShape(1, 1e-300, SECOND);
        for (long start : new long[] {0, -5, Long.MAX_VALUE - 10, Long.MIN_VALUE + 10}) {
            RunTimetable t = new RunTimetable(start, endless, 30 * SECOND);
            long deadline = t.hardDeadline();
            assertFalse(RunTimetable.reached(deadline, start), "not at the start, from " + start);
            assertFalse(RunTimetable.reached(deadline, start + 3_600 * SECOND * 24 * 365), "not in a year, from " + start);
            assertTrue(RunTimetable.reached(deadline, deadline));
            assertEquals(start + 10, RunTimetable.earlier(start + 10, deadline), "a nearer deadline wins, from " + start);
        }
    }
}
