package io.maid.goose.engine;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePhasesTest {
    /** How the engine runs users in these tests; {@code EnginePhasesOnLoopsTest} runs them all on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private static final Instant T0 = ManualClock.DEFAULT_START;
    private final EngineHarness h = EngineHarness.answering200(users());

    /** 10 users at 2/s, each sends one request and then thinks far longer than the test lasts. */
    private static final RunConfig TEN_AT_TWO_PER_SECOND = config().users(10).hatchRate(2).durationSeconds(3)
            .thinkTimeSeconds(1000).get("root", "/").build();

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    private static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }

    private static List<RunPhase> phasesOf(RunSummary s) {
        return s.phases().stream().map(PhaseSpan::phase).toList();
    }

    @Test
    void usersLaunchEvenlyAtTheHatchRate() {
        h.start(TEN_AT_TWO_PER_SECOND);
        for (int second = 1; second <= 5; second++) {
            h.advanceSeconds(1);
            h.awaitSleepers(ENGINE_SLEEPERS + 2 * second);
            assertEquals(2 * second, h.engine.status().activeUsers(), "active users at " + second + " s");
        }
    }

    @Test
    void aSnapshotAndAStatusArePublishedEverySecond() {
        // Users launch at 0.75 s, 1.5 s and 2.25 s, never together with a whole-second snapshot.
        h.start(config().users(3).hatchRate(4.0 / 3).durationSeconds(10).thinkTimeSeconds(1000).get("root", "/").build());
        for (int step = 1; step <= 12; step++) {
            h.advanceSeconds(0.25);
            h.awaitSleepers(ENGINE_SLEEPERS + Math.min(3, step / 3));
        }
        List<MetricsSnapshot> metrics = h.events.metrics();
        assertEquals(List.of(1.0, 2.0, 3.0), metrics.stream().map(MetricsSnapshot::elapsedSeconds).toList());
        assertEquals(List.of(1.0, 1.0, 1.0), metrics.stream().map(MetricsSnapshot::intervalSeconds).toList());
        assertEquals(List.of(at(1), at(2), at(3)), metrics.stream().map(MetricsSnapshot::timestamp).toList());
        assertEquals(List.of(1, 2, 3), metrics.stream().map(MetricsSnapshot::activeUsers).toList());
        assertEquals(List.of(1L, 1L, 1L), metrics.stream().map(MetricsSnapshot::requests).toList());
        assertEquals(List.of(RunPhase.INCREASE, RunPhase.INCREASE, RunPhase.MAINTAIN),
                metrics.stream().map(MetricsSnapshot::phase).toList());
        assertEquals(List.of(1L, 2L, 3L), h.events.statuses().stream().map(StatusEvent::durationSeconds).toList());
        assertEquals(List.of(1, 2, 3), h.events.statuses().stream().map(StatusEvent::activeUsers).toList());
    }

    @Test
    void userILaunchesAtIPlusOneOverHatchRateSeconds() {
        h.start(TEN_AT_TWO_PER_SECOND);
        for (int step = 1; step <= 10; step++) {
            h.advanceSeconds(0.5);
            h.awaitSleepers(ENGINE_SLEEPERS + step);
            assertEquals(step, h.transport.sessionOptions().size(), "users launched by " + step * 0.5 + " s");
        }
    }

    @Test
    void maintainStartsWhenTheLastUserLaunchedAndLastsExactlyTheDuration() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        assertEquals(RunPhase.MAINTAIN, h.engine.status().phase());
        h.advanceSeconds(2.9);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        assertEquals(RunPhase.MAINTAIN, h.engine.status().phase(), "still maintaining just before the duration");
        h.advanceSeconds(0.1);

        RunSummary summary = h.awaitEnd(run);
        PhaseSpan maintain = summary.phases().get(1);
        assertEquals(new PhaseSpan(RunPhase.MAINTAIN, at(5), at(8)), maintain);
        assertEquals(List.of(RunPhase.INCREASE, RunPhase.MAINTAIN, RunPhase.DECREASE, RunPhase.SHUTDOWN,
                RunPhase.COMPLETED), phasesOf(summary));
        assertEquals(RunState.COMPLETED, summary.state());
    }

    @Test
    void everyPhaseChangeIsAnEventAndAnInfoLogWithTheSameTimestamp() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        h.advanceSeconds(3);
        h.awaitEnd(run);

        List<PhaseChange> changes = h.events.phaseChanges();
        assertEquals(List.of(RunPhase.IDLE, RunPhase.INCREASE, RunPhase.MAINTAIN, RunPhase.DECREASE, RunPhase.SHUTDOWN),
                changes.stream().map(PhaseChange::from).toList());
        assertEquals(List.of(at(0), at(5), at(8), at(8), at(8)), changes.stream().map(PhaseChange::at).toList());
        for (PhaseChange change : changes) {
            assertTrue(h.events.logs().stream().anyMatch(l -> l.level() == LogLevel.INFO && l.timestamp().equals(change.at())
                    && l.message().startsWith("phase " + change.to().wireName())), "an info log for " + change);
        }
    }

    @Test
    void decreaseStopsTheMostRecentlyLaunchedUserFirst() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        h.advanceSeconds(3);
        h.awaitEnd(run);
        assertEquals(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), h.stopOrder());
        assertEquals(10, h.transport.closedSessions().size(), "every user closed its session");
    }

    @Test
    void stopDuringIncreaseSkipsMaintainAndEndsCancelled() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(2);
        h.awaitSleepers(ENGINE_SLEEPERS + 4);

        assertTrue(h.engine.stop());

        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.CANCELLED, summary.state());
        assertEquals(4, h.transport.sessionOptions().size(), "no user launched after the stop");
        assertEquals(List.of(RunPhase.INCREASE, RunPhase.DECREASE, RunPhase.SHUTDOWN, RunPhase.COMPLETED), phasesOf(summary));
        assertEquals(List.of(3, 2, 1, 0), h.stopOrder());
    }

    @Test
    void stopDuringMaintainEndsCancelled() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);

        assertTrue(h.engine.stop());

        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.CANCELLED, summary.state());
        assertEquals(new PhaseSpan(RunPhase.MAINTAIN, at(5), at(6)), summary.phases().get(1));
    }

    @Test
    void stopDuringDecreaseEndsCancelled() throws Exception {
        CountDownLatch inDecrease = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Holds the controller inside decrease (it publishes the phase change itself) while the test stops the run.
        GooseEngine engine = GooseEngine.builder().transport(h.transport).clock(h.clock).eventSink(e -> {
            if (e instanceof PhaseChange p && p.to() == RunPhase.DECREASE) {
                inDecrease.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        RunHandle run = engine.start(StartRunCommand.of(config().users(1).hatchRate(1)
                .durationSeconds(1).thinkTimeSeconds(1000).get("root", "/").build()));
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + 1);
        h.advanceSeconds(1);
        assertTrue(inDecrease.await(10, TimeUnit.SECONDS));
        assertEquals(RunPhase.DECREASE, engine.status().phase());

        assertTrue(engine.stop(), "a run in decrease is still active and can be stopped");
        release.countDown();

        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.CANCELLED, summary.state());
        assertFalse(engine.stop(), "nothing left to stop");
    }

    @Test
    void aThinkingUserStopsAtOnceWithoutWaitingOutItsThinkTime() {
        RunHandle run = h.start(config().users(1).hatchRate(1).durationSeconds(60).thinkTimeSeconds(3000)
                .get("root", "/").build());
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + 1);
        long before = h.clock.monotonicNanos();

        h.engine.stop();

        RunSummary summary = h.awaitEnd(run);
        assertEquals(before, h.clock.monotonicNanos(), "no time had to pass");
        assertEquals(List.of(0), h.stopOrder());
        assertEquals(1, summary.total().count());
    }

    @Test
    void aSecondStartWhileARunIsActiveThrowsNamingTheActiveRun() {
        RunHandle first = h.start(TEN_AT_TWO_PER_SECOND);
        RunAlreadyActiveException e = assertThrows(RunAlreadyActiveException.class, () -> h.start(TEN_AT_TWO_PER_SECOND));
        assertEquals(first.runId(), e.activeRunId());
    }

    @Test
    void aNewRunMayStartOnceThePreviousOneHasEnded() {
        RunHandle first = h.start(TEN_AT_TWO_PER_SECOND);
        h.engine.stop();
        h.awaitEnd(first);
        RunHandle second = h.start(TEN_AT_TWO_PER_SECOND);
        assertFalse(second.runId().equals(first.runId()));
        assertEquals(second.runId(), h.engine.status().runId());
    }

    @Test
    void statusIsIdleBeforeAnyRun() {
        assertEquals(EngineStatus.IDLE, h.engine.status());
        assertFalse(h.engine.stop(), "nothing to stop");
    }

    @Test
    void statusDuringARunShowsPhaseUsersAndElapsedTime() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        assertEquals(new EngineStatus(true, run.runId(), RunPhase.INCREASE, T0, 0, 0, RunState.RUNNING, 8), h.engine.status(),
                "start returns at once, in increase");
        h.advanceSeconds(3);
        h.awaitSleepers(ENGINE_SLEEPERS + 6);
        assertEquals(new EngineStatus(true, run.runId(), RunPhase.INCREASE, T0, 6, 3, RunState.RUNNING, 8), h.engine.status());
    }

    @Test
    void statusAfterARunIsInactiveCompletedWithTheRunsIdAndStart() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        h.advanceSeconds(3);
        h.awaitEnd(run);
        assertEquals(new EngineStatus(false, run.runId(), RunPhase.COMPLETED, T0, 0, 8, RunState.COMPLETED, 8), h.engine.status());
        assertEquals(T0, run.startedAt());
    }

    @Test
    void runEndedIsTheLastEventAndCarriesTheSummaryTheHandleCompletesWith() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.engine.stop();
        RunSummary summary = h.awaitEnd(run);
        RunEvent last = h.events.last().orElseThrow();
        assertInstanceOf(RunEnded.class, last);
        assertEquals(summary, ((RunEnded) last).summary());
        assertEquals(1, h.events.events().stream().filter(e -> e instanceof RunEnded).count());
    }

    @Test
    void aThrowingSubscriberDoesNotDisturbTheRunOrOtherReceivers() {
        h.engine.subscribe(e -> {
            throw new IllegalStateException("listener bug");
        });
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.advanceSeconds(5);
        h.awaitSleepers(ENGINE_SLEEPERS + 10);
        h.advanceSeconds(3);
        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.COMPLETED, summary.state());
        assertTrue(h.events.ended().isPresent());
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        List<RunEvent> received = new CopyOnWriteArrayList<>();
        h.engine.subscribe(received::add).close();
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.engine.stop();
        h.awaitEnd(run);
        assertTrue(received.isEmpty());
    }

    @Test
    void aTransportThatThrowsFailsTheRunWhichStillEnds() {
        EngineHarness broken = new EngineHarness(users(), call -> {
            throw new IllegalStateException("transport bug");
        });
        RunHandle run = broken.start(config().users(2).hatchRate(2).durationSeconds(60).get("root", "/").build());
        broken.advanceSeconds(1);
        RunSummary summary = broken.awaitEnd(run);
        assertEquals(RunState.FAILED, summary.state());
        assertTrue(summary.failureReason().contains("transport bug"), summary.failureReason());
        assertTrue(broken.events.ended().isPresent());
        assertTrue(broken.events.logs().stream().anyMatch(l -> l.level() == LogLevel.ERROR));
        assertFalse(broken.engine.status().active());
        assertEquals(RunState.FAILED, broken.engine.status().state());
    }

    @Test
    void aCompletedOrCancelledRunHasNoFailureReason() {
        RunHandle run = h.start(TEN_AT_TWO_PER_SECOND);
        h.engine.stop();
        assertNull(h.awaitEnd(run).failureReason());
    }

    @Test
    void theStartIsLoggedWithoutCredentialsInTheTarget() {
        RunHandle run = h.start(RunConfig.builder("http://admin:secret@127.0.0.1:9/app").users(1).get("root", "/").build());
        h.engine.stop();
        h.awaitEnd(run);
        List<String> messages = h.events.logs().stream().map(LogEvent::message).toList();
        assertTrue(messages.stream().noneMatch(m -> m.contains("secret")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("http://127.0.0.1:9/app")), messages.toString());
    }

    @Test
    void eachUserOpensItsOwnSessionWithTheRunsTimeoutAndItsIndex() {
        RunHandle run = h.start(config().users(3).hatchRate(3).requestTimeoutSeconds(2.5).thinkTimeSeconds(100)
                .get("root", "/").build());
        h.advanceSeconds(1);
        h.awaitSleepers(ENGINE_SLEEPERS + 3);
        h.engine.stop();
        h.awaitEnd(run);
        assertEquals(List.of(0, 1, 2), h.transport.sessionOptions().stream().map(o -> o.userIndex()).sorted().toList());
        assertTrue(h.transport.sessionOptions().stream()
                .allMatch(o -> o.requestTimeout().equals(Duration.ofMillis(2500))), "fractional timeout kept");
        assertEquals(IntStream.range(0, 3).boxed().toList(), h.transport.closedSessions().stream().sorted().toList());
    }
}
