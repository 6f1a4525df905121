package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The coordinator's status of a distributed run: the whole plan's stage and target users by its clock. */
class PlanPositionTest {
    private static final long SECOND = 1_000_000_000L;
    private static final LoadPlan.Stages STAGES = new LoadPlan.Stages(List.of(new LoadPlan.Stage(10, 10),
            new LoadPlan.Stage(10, 5), new LoadPlan.Stage(4, 6)));

    @Test
    void closedStagesReportTheStageAndTheWholePlansTarget() {
        assertEquals(0, PlanPosition.stage(STAGES, 0));
        assertEquals(0, PlanPosition.targetUsers(STAGES, 0));
        assertEquals(5, PlanPosition.targetUsers(STAGES, 5 * SECOND));
        assertEquals(1, PlanPosition.stage(STAGES, 10 * SECOND));
        assertEquals(10, PlanPosition.targetUsers(STAGES, 12 * SECOND));
        assertEquals(2, PlanPosition.stage(STAGES, 15 * SECOND));
        assertEquals(7, PlanPosition.targetUsers(STAGES, 18 * SECOND), "10 -> 4 over 6 s: one user a second");
        assertEquals(2, PlanPosition.stage(STAGES, 99 * SECOND), "the last stage once the plan is over");
        assertEquals(4, PlanPosition.targetUsers(STAGES, 99 * SECOND));
    }

    @Test
    void theOpenModelReportsItsStageAndNoTarget() {
        LoadPlan.Arrival open = new LoadPlan.Arrival(0, List.of(new LoadPlan.RateStage(10, 3),
                new LoadPlan.RateStage(10, 3)), 0, 5);

        assertEquals(1, PlanPosition.stage(open, 4 * SECOND));
        assertNull(PlanPosition.targetUsers(open, 4 * SECOND));
    }

    @Test
    void theShorthandReportsNeither() {
        LoadPlan.Ramp ramp = new LoadPlan.Ramp(4, 2, 10);

        assertNull(PlanPosition.stage(ramp, SECOND));
        assertNull(PlanPosition.targetUsers(ramp, SECOND));
    }

    @Test
    void aRunningDistributedRunsStatusCarriesThem() {
        ManualClock clock = new ManualClock();
        RunConfig config = RunConfig.builder("http://127.0.0.1:8080").load(STAGES).get("home", "/").build();
        ClusterRun run = new ClusterRun("00000000-0000-0000-0000-000000000016", config, List.of("a:1", "b:2"),
                new HdrSampleMath(), SECOND, clock, Long.MAX_VALUE, e -> { }, why -> { });

        clock.advance(Duration.ofSeconds(12));
        EngineStatus status = run.status();

        assertEquals(1, status.stage());
        assertEquals(10, status.targetUsers());
        assertEquals(12, status.elapsedSeconds());
    }
}
