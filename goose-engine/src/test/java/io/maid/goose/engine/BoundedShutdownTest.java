package io.maid.goose.engine;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.LatencyStats;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Goose bug #582: shutdown must never wait forever for users that never finish. */
class BoundedShutdownTest {
    /** How the engine runs users in these tests; {@code BoundedShutdownOnLoopsTest} runs them all on an event loop. */
    EngineHarness.Users users() {
        return EngineHarness.Users.THREADS;
    }

    private final EngineHarness h = new EngineHarness(users(), call -> ScriptedTransport.hang());

    /** Two users, each stuck in its first request; maintain ends at 2 s, the 5 s grace at 7 s. */
    private static final RunConfig HUNG = config().users(2).hatchRate(2).durationSeconds(1).requestTimeoutSeconds(5)
            .get("root", "/").build();

    @AfterEach
    void stopAnyRun() {
        h.close();
    }

    private void runIntoShutdown() {
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 2, "both users to hang");
        h.awaitSleepers(ENGINE_SLEEPERS);
        h.advanceSeconds(1);
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.awaitSleepers(ENGINE_SLEEPERS);
    }

    @Test
    void aServerThatNeverAnswersDoesNotHangTheRun() {
        RunHandle run = h.start(HUNG);
        runIntoShutdown();
        h.advanceSeconds(4.9);
        h.awaitSleepers(ENGINE_SLEEPERS);
        assertFalse(run.completion().isDone(), "the grace lasts the full request timeout");

        h.advanceSeconds(0.1);

        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.COMPLETED, summary.state());
        assertTrue(h.events.ended().isPresent());
        assertEquals(2, summary.abandonedRequests());
    }

    @Test
    void abandonedRequestsCountAsAbandonedFailuresWithoutLatency() {
        RunHandle run = h.start(HUNG);
        runIntoShutdown();
        h.advanceSeconds(5);
        RunSummary summary = h.awaitEnd(run);

        assertEquals(2, summary.total().count());
        assertEquals(2, summary.total().failures());
        assertEquals(Map.of(ErrorKind.ABANDONED, 2L), summary.total().errors());
        assertEquals(LatencyStats.EMPTY, summary.total().latency());
        assertEquals(2, summary.timeline().stream().mapToLong(MetricsSnapshot::requests).sum(),
                "the final snapshot carries the abandoned requests");
        assertTrue(h.events.logs().stream().anyMatch(l -> l.level() == LogLevel.WARN && l.message().contains("abandoned")));
    }

    @Test
    void abandonedUsersHaveTheirSessionsClosedAndTheirLateAnswersIgnored() {
        RunHandle run = h.start(HUNG);
        runIntoShutdown();
        h.advanceSeconds(5);
        RunSummary summary = h.awaitEnd(run);

        Await.until(() -> h.transport.hanging() == 0, "the hung calls to return once their sessions closed");
        assertEquals(2, h.transport.closedSessions().size());
        assertEquals(2, h.transport.sentCount(), "no user sent another request");
        assertEquals(0, summary.total().errors().getOrDefault(ErrorKind.IO_ERROR, 0L),
                "the failure the closed session produced is not counted a second time");
    }

    @Test
    void requestsThatFinishWithinTheGraceAreCountedNormally() {
        RunHandle run = h.start(HUNG);
        runIntoShutdown();

        h.transport.releaseHanging();

        RunSummary summary = h.awaitEnd(run);
        assertEquals(0, summary.abandonedRequests());
        assertEquals(2, summary.total().count());
        assertEquals(0, summary.total().failures());
        assertEquals(Map.of(200, 2L), summary.total().statusCodes());
    }

    @Test
    void stopWithHungUsersStillEndsAfterTheGrace() {
        RunHandle run = h.start(HUNG);
        h.advanceSeconds(1);
        Await.until(() -> h.transport.hanging() == 2, "both users to hang");
        h.engine.stop();
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.awaitSleepers(ENGINE_SLEEPERS);
        h.advanceSeconds(5);
        RunSummary summary = h.awaitEnd(run);
        assertEquals(RunState.CANCELLED, summary.state());
        assertEquals(2, summary.abandonedRequests());
    }
}
