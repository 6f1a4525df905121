package io.maid.goose.engine;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run knows its planned length, says which state it is in, and ends by its hard deadline (planned length
 * + shutdown grace) whatever happens.
 */
class RunLimitsTest {
    /** How the engine runs users in these tests; {@code RunLimitsOnLoopsTest} runs them on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    /** Users 0 and 1 hang in their first request, user 2 (and any later one) answers and thinks for long. */
    private final EngineHarness h = new EngineHarness(users(),
            call -> call.userIndex() < 2 ? ScriptedTransport.hang() : ScriptedTransport.respond(200));

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    private List<String> logs(LogLevel level) {
        return h.events.logs().stream().filter(l -> l.level() == level).map(LogEvent::message).toList();
    }

    @Test
    void theStatusCarriesThePlannedLengthRoundedUpAndTheStateRunning() {
        // Launches at 0.75, 1.5 and 2.25 s, then 10 s of maintain: 12.25 s planned.
        RunHandle run = h.start(config().users(3).hatchRate(4.0 / 3).durationSeconds(10).thinkTimeSeconds(1000)
                .get("root", "/").build());
        assertEquals(13, h.engine.status().plannedSeconds());
        assertEquals(RunState.RUNNING, h.engine.status().state());
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 1, "user 0 to hang");
        h.awaitSleepers(ENGINE_SLEEPERS);
        List<StatusEvent> statuses = h.events.statuses();
        assertEquals(List.of(13L), statuses.stream().map(StatusEvent::plannedSeconds).toList());
        assertEquals(List.of(1L), statuses.stream().map(StatusEvent::durationSeconds).toList(), "duration is the elapsed time");
        h.engine.stop();
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.transport.releaseHanging();
        assertEquals(RunState.CANCELLED, h.awaitEnd(run).state());
        assertEquals(RunState.CANCELLED, h.engine.status().state(), "after a stop the status says cancelled");
        assertEquals(13, h.engine.status().plannedSeconds());
    }

    @Test
    void aCompletedRunsStatusSaysCompleted() {
        EngineHarness ok = EngineHarness.answering200(users());
        RunHandle run = ok.start(config().users(1).hatchRate(1).durationSeconds(1).thinkTimeSeconds(1000).get("root", "/").build());
        ok.advanceSeconds(1);
        ok.awaitSleepers(ENGINE_SLEEPERS + 1);
        ok.advanceSeconds(1);
        ok.awaitEnd(run);
        assertEquals(RunState.COMPLETED, ok.engine.status().state());
        assertEquals(2, ok.engine.status().plannedSeconds());
    }

    @Test
    void aRunWhoseControllerFellBehindEndsByItsHardDeadline() {
        // Planned: launches at 0.5 and 1 s, 1 s of maintain, so 2 s; with the 5 s grace the run ends by 7 s.
        RunHandle run = h.start(config().users(2).hatchRate(2).durationSeconds(1).requestTimeoutSeconds(5)
                .get("root", "/").build());
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 2, "both users to hang");
        h.awaitSleepers(ENGINE_SLEEPERS);

        h.advanceSeconds(10);

        RunSummary summary = h.awaitEnd(run);
        assertEquals(11.0, summary.durationSeconds(), 1e-9, "it ended at once, without waiting out a grace past 7 s");
        assertEquals(2, summary.abandonedRequests());
        assertEquals(RunState.COMPLETED, summary.state());
        assertTrue(logs(LogLevel.WARN).stream().anyMatch(m -> m.startsWith("the run reached its hard deadline in shutdown")
                && m.contains("planned 2 s + 5 s shutdown grace")), logs(LogLevel.WARN).toString());
    }

    @Test
    void aVerySlowHatchRateGivesALongButFinitePlanThatRunsToItsEnd() {
        // Three users at 0.001 users/s launch at 1000, 2000 and 3000 s; then 1 s of maintain.
        RunHandle run = h.start(config().users(3).hatchRate(0.001).durationSeconds(1).thinkTimeSeconds(1000)
                .get("root", "/").build());
        assertEquals(3001, h.engine.status().plannedSeconds());
        assertTrue(logs(LogLevel.INFO).get(0).contains("planned length 3001 s, ended within 3006 s at the latest"),
                logs(LogLevel.INFO).get(0));
        for (int hung = 1; hung <= 2; hung++) {
            h.advanceSeconds(1000);
            int n = hung;
            Await.until(() -> h.transport.hanging() == n, n + " users to hang");
            h.awaitSleepers(ENGINE_SLEEPERS);
        }
        h.advanceSeconds(1000);
        h.awaitSleepers(ENGINE_SLEEPERS + 1);
        assertEquals(RunPhase.MAINTAIN, h.engine.status().phase());
        h.advanceSeconds(1);
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.transport.releaseHanging();

        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.COMPLETED, summary.state());
        assertEquals(3001.0, summary.durationSeconds(), 1e-9);
        assertTrue(logs(LogLevel.WARN).isEmpty(), logs(LogLevel.WARN).toString());
    }

    @Test
    void theShutdownLogCountsOnlyTheUsersInARequest() {
        RunHandle run = h.start(config().users(3).hatchRate(3).durationSeconds(1).thinkTimeSeconds(1000)
                .get("root", "/").build());
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 2, "users 0 and 1 to hang");
        h.awaitSleepers(ENGINE_SLEEPERS + 1);
        h.advanceSeconds(1);
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.transport.releaseHanging();
        h.awaitEnd(run);

        String shutdown = logs(LogLevel.INFO).stream().filter(m -> m.startsWith("phase shutdown")).findFirst().orElseThrow();
        assertTrue(shutdown.startsWith("phase shutdown: waiting up to 5 s for 2 users to finish their requests in flight"),
                shutdown);
        assertTrue(shutdown.endsWith("in flight") || shutdown.endsWith("(1 user thinking, leaving at once)"),
                "the thinking user may already have left, and is never counted as in flight: " + shutdown);
    }
}
