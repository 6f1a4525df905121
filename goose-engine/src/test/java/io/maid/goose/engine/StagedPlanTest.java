package io.maid.goose.engine;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.LoadPlan.Stage;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Acceptance 1 of issue 13: a closed staged plan on the manual clock. The user count follows the plan second by
 * second, phases change exactly at stage boundaries, and users leave most recently launched first.
 * {@code StagedPlanOnLoopsTest} runs every test with the users on an event loop.
 */
class StagedPlanTest {
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private static final Instant T0 = ManualClock.DEFAULT_START;
    private static final Duration STEP = Duration.ofMillis(250);
    /** 0→4 over 4 s, hold 3 s, 4→8 over 2 s, 8→2 over 3 s, then a final drop: 12 s. */
    private static final LoadPlan.Stages PLAN = new LoadPlan.Stages(List.of(new Stage(4, 4), new Stage(4, 3),
            new Stage(8, 2), new Stage(2, 3), new Stage(0, 0)));
    /** Users send one request and then think far longer than the test lasts, so a stop is what ends them. */
    private static final RunConfig STAGED = config().load(PLAN).thinkTimeSeconds(1000).get("root", "/").build();

    private final EngineHarness h = EngineHarness.answering200(users());

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    @Test
    void theUserCountFollowsThePlanSecondBySecond() {
        RunHandle run = h.start(STAGED);
        List<Integer> live = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<Integer> stages = new ArrayList<>();
        for (int second = 0; second <= 11; second++) {
            h.stepUntil(run, second, STEP);
            // On a loop, a stop reaches the user after the controller has gone back to sleep: time stands still
            // until the users the plan stopped have left.
            Await.until(() -> h.engine.status().activeUsers() == h.engine.status().targetUsers(), Duration.ofSeconds(10),
                    () -> "the users to match the plan's target at " + h.clock.monotonicNanos() + " ns: " + h.engine.status());
            live.add(h.engine.status().activeUsers());
            targets.add(h.engine.status().targetUsers());
            stages.add(h.engine.status().stage());
        }

        List<Integer> expected = List.of(0, 1, 2, 3, 4, 4, 4, 4, 6, 8, 6, 4);
        assertEquals(expected, live);
        assertEquals(expected, targets);
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3), stages);
        h.stepToEnd(run, STEP);
    }

    @Test
    void phasesChangeExactlyAtStageBoundaries() {
        RunSummary summary = h.stepToEnd(h.start(STAGED), STEP);

        List<PhaseSpan> spans = summary.phases();
        assertEquals(List.of(RunPhase.INCREASE, RunPhase.MAINTAIN, RunPhase.INCREASE, RunPhase.DECREASE, RunPhase.SHUTDOWN,
                RunPhase.COMPLETED), spans.stream().map(PhaseSpan::phase).toList());
        // The stage boundaries; when the run then completes depends on how soon its users have left, not on the plan.
        assertEquals(List.of(at(0), at(4), at(7), at(9), at(12)),
                spans.subList(0, 5).stream().map(PhaseSpan::startedAt).toList());
        assertEquals(RunState.COMPLETED, summary.state());
        assertEquals(12, summary.plannedSeconds());
    }

    @Test
    void usersLeaveMostRecentlyLaunchedFirst() {
        h.stepToEnd(h.start(STAGED), STEP);

        assertEquals(List.of(7, 6, 5, 4, 3, 2, 1, 0), h.stopOrder());
    }

    @Test
    void everyLaunchSendsItsRequestAndTheTargetCountsThemAll() {
        RunSummary summary = h.stepToEnd(h.start(STAGED), STEP);

        assertEquals(8, summary.total().count());
        assertEquals(8, h.transport.sent().size());
    }

    @Test
    void aStopRequestCutsThePlanShort() {
        RunHandle run = h.start(STAGED);
        h.stepUntil(run, 5, STEP);
        h.engine.stop();

        RunSummary summary = h.stepToEnd(run, STEP);

        assertEquals(RunState.CANCELLED, summary.state());
        assertEquals(4, summary.total().count());
    }

    private static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }
}
