package io.maid.goose.engine;

import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.domain.threshold.ThresholdComparator;
import io.maid.goose.domain.threshold.ThresholdMetric;
import io.maid.goose.domain.threshold.ThresholdScope;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open model on the manual clock (users on virtual threads; the real-time tests in app run both user kinds
 * against a real target): every arrival starts an iteration or is dropped, latency runs from the intended start,
 * and a throughput cap holds.
 */
class OpenModelTest {
    private EngineHarness h;

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    private static LoadPlan.Arrival constant(double rate, long seconds, int maxUsers) {
        return new LoadPlan.Arrival(rate, List.of(new LoadPlan.RateStage(rate, seconds)), 0, maxUsers);
    }

    private RunSummary run(Duration latency, RunConfig config, Duration step) {
        h = new EngineHarness(EngineHarness.Users.THREADS, call -> ScriptedTransport.respond(200, latency));
        RunHandle run = h.start(config);
        return h.stepToEnd(run, step);
    }

    @Test
    void arrivalsThatFindNoFreeUserAreDroppedAndCountedAndTheRestStart() {
        // 4/s for 3 s: arrivals at 0.125 s, 0.375 s, ...; two users, each busy 0.9 s per iteration.
        RunSummary summary = run(Duration.ofMillis(900), config().load(constant(4, 3, 2)).get("root", "/").build(),
                Duration.ofMillis(125));

        // The scripted transport moves the one shared clock by each response's latency on the sending thread, so
        // with two users the split between started and dropped depends on how their sends interleave (6 and 6 when
        // they never overlap), and a started iteration may still be in flight when the plan ends. What may not
        // vary: every one of the 12 arrivals is started or dropped, each counted once per second it fell in, and
        // the engine's request count is what the transport was sent.
        long started = summary.timeline().stream().mapToLong(MetricsSnapshot::startedIterations).sum();
        assertEquals(12, started + summary.droppedIterations(), "arrivals = started + dropped");
        assertTrue(started >= 2 && summary.droppedIterations() >= 1, "started " + started);
        assertEquals(summary.droppedIterations(),
                summary.timeline().stream().mapToLong(MetricsSnapshot::droppedIterations).sum());
        assertEquals(summary.total().count(), h.transport.sent().size());
    }

    @Test
    void arrivalsStillDueWhenTheDeadlineIsReachedAreDroppedAndCounted() {
        // 4/s for 3 s, but the clock jumps past the run's hard deadline before the dispatcher wakes: all 12 arrivals
        // were due and none could start, so each is dropped and counted, in a second of the timeline.
        RunSummary summary = run(Duration.ZERO, config().load(constant(4, 3, 2)).get("root", "/").build(),
                Duration.ofHours(1));

        long started = summary.timeline().stream().mapToLong(MetricsSnapshot::startedIterations).sum();
        assertEquals(0, started);
        assertEquals(12, summary.droppedIterations());
        assertEquals(12, summary.timeline().stream().mapToLong(MetricsSnapshot::droppedIterations).sum());
        assertEquals(0, h.transport.sent().size());
    }

    @Test
    void anAbortThresholdOnDroppedIterationsStopsTheRunWhileItRuns() {
        // 4/s for 30 s on one user whose first request never gets an answer: every later arrival is dropped, so a
        // dropped_iterations < 1 threshold with abort_on_fail stops the run soon after its 2 s delay, not at the end.
        h = new EngineHarness(EngineHarness.Users.THREADS, call -> ScriptedTransport.hang());
        RunHandle run = h.start(config().load(constant(4, 30, 1)).requestTimeoutSeconds(2).get("root", "/")
                .threshold(Threshold.of(ThresholdMetric.DROPPED_ITERATIONS, ThresholdScope.TOTAL, ThresholdComparator.LT, 1)
                        .abortingAfter(2)).build());

        h.advanceSeconds(0.25);
        Await.until(() -> h.transport.hanging() == 1, "the one user to hang in its first request");
        for (int i = 0; i < 200 && !run.completion().isDone(); i++) {
            // the dispatcher and the metrics thread asleep on the clock: this step's arrivals and tick are done
            Await.until(() -> run.completion().isDone() || h.clock.sleepers() >= EngineHarness.ENGINE_SLEEPERS,
                    "the engine to park");
            h.advanceSeconds(0.25);
        }
        RunSummary summary = h.awaitEnd(run);

        assertEquals(RunState.FAILED, summary.state());
        assertTrue(summary.durationSeconds() < 5, () -> "ended after " + summary.durationSeconds() + " s");
        assertTrue(summary.failureReason().startsWith("threshold: dropped_iterations < 1 failed after"),
                summary.failureReason());
    }

    @Test
    void latencyIsMeasuredFromTheIntendedStart() {
        // 1/s for 3 s: arrivals due at 0.5, 1.5 and 2.5 s, but the clock moves in 0.75 s steps (and each response
        // moves it 0.1 s more), so they are sent at 0.75, 1.6 and 3.2 s: 0.25, 0.1 and 0.7 s late.
        RunSummary summary = run(Duration.ofMillis(100), config().load(constant(1, 3, 3)).get("root", "/").build(),
                Duration.ofMillis(750));

        assertEquals(3, summary.total().count());
        assertEquals(200, summary.total().latency().minMs(), 1, "due at 1.5 s, sent at 1.6 s, answered 0.1 s later");
        assertEquals(800, summary.total().latency().maxMs(), 1, "due at 2.5 s, sent at 3.2 s, answered 0.1 s later");
        assertEquals(350, summary.total().latency().p50Ms(), 1, "due at 0.5 s, sent at 0.75 s, answered 0.1 s later");
    }

    @Test
    void aThroughputCapHoldsInTheOpenModel() {
        // 10 arrivals/s for 2 s, instant responses, but at most 2 requests/s.
        RunSummary summary = run(Duration.ZERO, config().load(constant(10, 2, 50)).throughputCapRps(2.0)
                .get("root", "/").build(), Duration.ofMillis(50));

        assertTrue(summary.total().count() >= 4 && summary.total().count() <= 5,
                "2 requests/s for 2 s (one more at the very start): " + summary.total().count());
        assertEquals(0, summary.droppedIterations(), "the users waiting for the cap came from the pool");
    }

    @Test
    void eachRateStageEntersItsPhase() {
        RunSummary summary = run(Duration.ZERO, config().load(new LoadPlan.Arrival(0, List.of(new LoadPlan.RateStage(4, 1),
                new LoadPlan.RateStage(4, 1), new LoadPlan.RateStage(0, 1)), 0, 5)).get("root", "/").build(),
                Duration.ofMillis(125));

        assertEquals(List.of(RunPhase.INCREASE, RunPhase.MAINTAIN, RunPhase.DECREASE, RunPhase.SHUTDOWN, RunPhase.COMPLETED),
                summary.phases().stream().map(p -> p.phase()).toList());
        assertEquals(2 + 4 + 2, summary.total().count());
    }
}
