package io.maid.goose.domain;

import io.maid.goose.domain.LoadPlan.Arrival;
import io.maid.goose.domain.LoadPlan.RateStage;
import io.maid.goose.domain.LoadPlan.Stage;
import io.maid.goose.domain.LoadPlan.Stages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadPlanTest {
    private static RunConfig.Builder config() {
        return RunConfig.builder("http://127.0.0.1:8080").get("home", "/");
    }

    private static String field(Runnable construction) {
        return assertThrows(ConfigException.class, construction::run).field();
    }

    @Test
    void theShorthandBecomesARampPlan() {
        RunConfig c = config().users(20).hatchRate(10).durationSeconds(30).build();

        assertEquals(new LoadPlan.Ramp(20, 10, 30), c.load());
        assertTrue(c.isShorthand());
    }

    @Test
    void aStagedPlanDescribesItselfThroughTheShorthandFields() {
        RunConfig c = config().load(new Stages(List.of(new Stage(50, 10), new Stage(50, 60), new Stage(200, 5),
                new Stage(0, 10)))).build();

        assertFalse(c.isShorthand());
        assertEquals(200, c.users());
        assertEquals(30, c.hatchRate());
        assertEquals(85, c.duration().seconds());
    }

    @Test
    void anOpenPlanDescribesItselfThroughTheShorthandFields() {
        RunConfig c = config().load(new Arrival(200, List.of(new RateStage(500, 30)), 50, 2000)).build();

        assertEquals(2000, c.users());
        assertEquals(500, c.hatchRate());
        assertEquals(30, c.duration().seconds());
    }

    @Test
    void emptyStagesAreRefused() {
        assertEquals("stages", field(() -> new Stages(List.of())));
        assertEquals("stages", field(() -> new Arrival(1, List.of(), 0, 1)));
    }

    @Test
    void negativeUsersAreRefused() {
        assertEquals("users", field(() -> new Stage(-1, 10)));
    }

    @Test
    void negativeRatesAreRefused() {
        assertEquals("rate_per_second", field(() -> new RateStage(-0.5, 10)));
        assertEquals("start_rate_per_second", field(() -> new Arrival(-1, List.of(new RateStage(1, 1)), 0, 1)));
    }

    @Test
    void aStageOfZeroSecondsIsRefusedUnlessItIsTheFinalDrop() {
        assertEquals("stages/0/over_seconds", field(() -> new Stages(List.of(new Stage(10, 0), new Stage(0, 5)))));
        assertEquals("stages/1/over_seconds", field(() -> new Stages(List.of(new Stage(10, 5), new Stage(5, 0)))));
        assertEquals(5, new Stages(List.of(new Stage(10, 5), new Stage(0, 0))).plannedSeconds());
        assertEquals("stages/0/over_seconds",
                field(() -> new Arrival(0, List.of(new RateStage(5, 0), new RateStage(0, 5)), 0, 1)));
    }

    @Test
    void negativeOverSecondsAreRefused() {
        assertEquals("over_seconds", field(() -> new Stage(1, -1)));
        assertEquals("over_seconds", field(() -> new RateStage(1, -1)));
    }

    @Test
    void maxUsersBelowPreAllocatedUsersIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Arrival(10, List.of(new RateStage(10, 10)), 50, 20));

        assertEquals("max_users", e.field());
        assertEquals("must be at least pre_allocated_users (50), was 20", e.reason());
    }

    @Test
    void aPlanWithoutUsersOrArrivalsIsRefused() {
        assertEquals("stages", field(() -> new Stages(List.of(new Stage(0, 10)))));
        assertEquals("stages", field(() -> new Arrival(0, List.of(new RateStage(0, 10)), 0, 1)));
    }

    @Test
    void aPlanLongerThanADayIsRefused() {
        assertEquals("stages", field(() -> new Stages(List.of(new Stage(1, 86_400), new Stage(1, 1)))));
    }

    @Test
    void aPlanLaunchingMoreThanTheLimitOverTheRunIsRefused() {
        List<Stage> saw = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            saw.add(new Stage(100_000, 1));
            saw.add(new Stage(0, 1));
        }
        assertEquals("stages", field(() -> new Stages(saw)));
    }

    @Test
    void aShorthandPlanThatContradictsTheShorthandFieldsIsRefused() {
        assertEquals("load", field(() -> config().users(5).load(new LoadPlan.Ramp(6, 1, 10)).build()));
    }
}
