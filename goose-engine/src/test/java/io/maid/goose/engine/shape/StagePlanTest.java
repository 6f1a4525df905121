package io.maid.goose.engine.shape;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.LoadPlan.Stage;
import io.maid.goose.domain.RunPhase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StagePlanTest {
    private static final long SECOND = 1_000_000_000L;
    private final StagePlan plan = new StagePlan(new LoadPlan.Stages(List.of(new Stage(3, 3), new Stage(3, 2),
            new Stage(1, 4), new Stage(0, 0))));

    @Test
    void theTargetMovesOneUserAtATimeAndReachesEachStagesUsersAtItsEnd() {
        assertEquals(0, plan.targetAt(SECOND - 1));
        assertEquals(1, plan.targetAt(SECOND));
        assertEquals(3, plan.targetAt(3 * SECOND));
        assertEquals(3, plan.targetAt(5 * SECOND - 1));
        assertEquals(2, plan.targetAt(7 * SECOND));
        assertEquals(2, plan.targetAt(9 * SECOND - 1));
        assertEquals(0, plan.targetAt(9 * SECOND));
    }

    @Test
    void changesAreEvenlySpacedWithinAStage() {
        assertEquals(List.of(7 * SECOND, 9 * SECOND), List.of(plan.changeOffsetNanos(2, 1), plan.changeOffsetNanos(2, 2)));
        assertEquals(9 * SECOND, plan.changeOffsetNanos(3, 1), "a final drop of 0 s stops everyone at its start");
    }

    @Test
    void eachStageHasThePhaseOfItsDirection() {
        assertEquals(List.of(RunPhase.INCREASE, RunPhase.MAINTAIN, RunPhase.DECREASE, RunPhase.DECREASE),
                List.of(plan.phaseOf(0), plan.phaseOf(1), plan.phaseOf(2), plan.phaseOf(3)));
        assertEquals(3, plan.totalLaunches());
        assertEquals(9 * SECOND, plan.plannedNanos());
    }

    @Test
    void usersLaunchedAgainAfterADropAreCountedAsNewLaunches() {
        StagePlan again = new StagePlan(new LoadPlan.Stages(List.of(new Stage(5, 1), new Stage(0, 1), new Stage(5, 1))));

        assertEquals(10, again.totalLaunches());
    }
}
