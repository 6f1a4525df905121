package io.maid.goose.engine.flow;

import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.OnFailure;
import io.maid.goose.domain.flow.ThinkTime;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's way through on_start, the iteration and on_stop, and the pauses between transactions. */
class UserFlowTest {
    private final UserSession session = new UserSession(0, "run-1", new ManualClock(), 7);

    private static Transaction tx(String name, int weight) {
        return Transaction.builder(name).get("/" + name).weight(weight).build();
    }

    private UserFlow flow(Scenario scenario, ThinkTime runThink) {
        return new UserFlow(new ScenarioPlan(scenario, Map.of(), runThink, 1024), session);
    }

    /** Runs {@code steps} transactions (failing those {@code fails} picks), naming each with its local index. */
    private static List<String> walk(UserFlow flow, int steps, Predicate<String> fails) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            TransactionPlan t = flow.next(false);
            String name = t.transaction.name() + t.local;
            order.add(name);
            flow.after(t, true, fails.test(name));
        }
        return order;
    }

    @Test
    void aWeightedTransactionRunsWeightTimesInARowThenTheNextAndAroundAgain() {
        UserFlow flow = flow(new Scenario("s", 1, List.of(tx("a", 2), tx("b", 1), tx("c", 3))), ThinkTime.NONE);
        assertEquals(List.of("a0", "a0", "b1", "c2", "c2", "c2", "a0", "a0", "b1", "c2", "c2", "c2"),
                walk(flow, 12, name -> false));
    }

    @Test
    void onStartRunsOnceBeforeTheFirstIterationAndOnStopOnceWhenTheUserIsStopped() {
        UserFlow flow = flow(Scenario.builder("s").onStart(tx("login", 1), tx("prefs", 2)).transaction(tx("page", 1))
                .onStop(tx("logout", 1)).build(), ThinkTime.NONE);
        assertEquals(List.of("login0", "prefs1", "prefs1", "page2", "page2", "page2"), walk(flow, 6, n -> false));
        TransactionPlan stop = flow.next(true);
        assertEquals("logout", stop.transaction.name());
        assertEquals(3, stop.local, "on_stop transactions come after the iteration's in the slot order");
        assertTrue(flow.leaving());
        assertEquals(0, flow.after(stop, true, false), "no pause while leaving");
        assertNull(flow.next(true), "on_stop runs once");
    }

    @Test
    void aUserStoppedBeforeItRanAnyTransactionLeavesWithoutOnStop() {
        UserFlow flow = flow(Scenario.builder("s").onStart(tx("login", 1)).transaction(tx("page", 1))
                .onStop(tx("logout", 1)).build(), ThinkTime.NONE);
        assertNull(flow.next(true));
    }

    @Test
    void aUserThatStopsItselfRunsOnStopWithoutAPauseFirst() {
        UserFlow flow = flow(Scenario.builder("s").transaction(tx("page", 1)).onStop(tx("logout", 1)).build(),
                ThinkTime.fixed(5));
        flow.after(flow.next(false), true, false);
        TransactionPlan page = flow.next(false);
        flow.stopSelf();
        assertEquals(0, flow.after(page, false, true));
        assertEquals("logout", flow.next(false).transaction.name());
    }

    @Test
    void aUserThatHasSentNothingLeavesWithoutOnStop() {
        UserFlow flow = flow(Scenario.builder("s").onStart(tx("login", 1)).transaction(tx("page", 1))
                .onStop(tx("logout", 1)).build(), ThinkTime.NONE);
        TransactionPlan login = flow.next(false);
        flow.stopSelf();
        flow.after(login, false, true);
        assertNull(flow.next(false), "its login found no row: nothing to log out of");
    }

    @Test
    void restartIterationEndsTheIterationAtTheFirstFailure() {
        UserFlow flow = flow(Scenario.builder("s").transaction(tx("a", 1), tx("b", 1), tx("c", 1))
                .onFailure(OnFailure.RESTART_ITERATION).build(), ThinkTime.NONE);
        int[] bs = {0};
        assertEquals(List.of("a0", "b1", "a0", "b1", "c2", "a0"), walk(flow, 6, n -> n.equals("b1") && bs[0]++ == 0));
        assertEquals(2, session.iteration(), "the restarted iteration counts as one");
    }

    @Test
    void continueGoesOnWithTheNextTransactionAfterAFailure() {
        UserFlow flow = flow(Scenario.builder("s").transaction(tx("a", 1), tx("b", 1), tx("c", 1)).build(), ThinkTime.NONE);
        assertEquals(List.of("a0", "b1", "c2", "a0"), walk(flow, 4, n -> n.equals("b1")));
    }

    @Test
    void theIterationCountsCompletedIterations() {
        UserFlow flow = flow(Scenario.builder("s").onStart(tx("login", 1)).transaction(tx("a", 1), tx("b", 1)).build(),
                ThinkTime.NONE);
        walk(flow, 4, n -> false);
        assertEquals(1, session.iteration(), "login, a, b: one iteration; then a");
    }

    @Test
    void aTransactionsOwnThinkTimeReplacesTheRunsAfterIt() {
        Transaction slow = Transaction.builder("slow").get("/slow").thinkTimeSeconds(2).build();
        UserFlow flow = flow(new Scenario("s", 1, List.of(slow, tx("fast", 1))), ThinkTime.fixed(0.5));
        assertEquals(2_000_000_000L, flow.after(flow.next(false), true, false));
        assertEquals(500_000_000L, flow.after(flow.next(false), true, false));
    }

    @Test
    void aRangeIsDrawnUniformlyForEachWait() {
        UserFlow flow = flow(new Scenario("s", 1, List.of(tx("a", 1))), ThinkTime.between(1, 3));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long pause = flow.after(flow.next(false), true, false);
            assertTrue(pause >= 1_000_000_000L && pause <= 3_000_000_000L, pause + " ns");
            min = Math.min(min, pause);
            max = Math.max(max, pause);
        }
        assertTrue(min < 1_100_000_000L && max > 2_900_000_000L, "the whole range is drawn: " + min + " .. " + max);
    }

    @Test
    void theCoordinatedOmissionCadenceUsesTheMeanThinkTimeOverTheIteration() {
        Transaction own = Transaction.builder("own").get("/own").thinkTime(2, 4).weight(3).build();
        ScenarioPlan plan = new ScenarioPlan(new Scenario("s", 1, List.of(own, tx("run", 1))), Map.of(),
                ThinkTime.fixed(1), 1024);
        assertEquals(2_500_000_000L, plan.meanThinkNanos, "(3 x 3 s + 1 x 1 s) / 4 runs");
    }

    @Test
    void anIterationThatSentNothingIsFollowedByAtLeastTheIdlePause() {
        UserFlow flow = flow(new Scenario("s", 1, List.of(tx("a", 1), tx("b", 1))), ThinkTime.NONE);
        assertEquals(0, flow.after(flow.next(false), false, true));
        assertEquals(UserFlow.IDLE_ITERATION_PAUSE_NANOS, flow.after(flow.next(false), false, true));
        assertEquals(0, flow.after(flow.next(false), true, false));
        assertEquals(0, flow.after(flow.next(false), false, true), "this iteration sent a request");
        assertFalse(flow.leaving());
    }
}
