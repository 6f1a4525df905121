package io.maid.goose.engine;

import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ThreadedLoopTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default wiring, on real time: one short run end to end with the {@link SystemClock}. */
class RealClockRunTest {
    @Test
    void aShortRunOnTheSystemClockCompletesAndCountsEveryRequest() throws Exception {
        AtomicLong answered = new AtomicLong();
        assertShortRunCountsEveryRequest(counting(answered), answered);
    }

    @Test
    void aShortRunWithUsersOnEventLoopsCompletesAndCountsEveryRequest() throws Exception {
        AtomicLong answered = new AtomicLong();
        try (ThreadedLoopTransport loops = new ThreadedLoopTransport(counting(answered), new SystemClock(), 2)) {
            assertShortRunCountsEveryRequest(loops, answered);
            assertTrue(loops.loopFailures().isEmpty(), "nothing failed on the loops: " + loops.loopFailures());
        }
    }

    private static LoadTransport counting(AtomicLong answered) {
        return options -> new TransportSession() {
            @Override
            public RequestOutcome send(io.maid.goose.domain.RequestSpec request, io.maid.goose.ports.out.SendOptions options) {
                answered.incrementAndGet();
                return RequestOutcome.response(200, 50, 500);
            }

            @Override
            public void close() {
            }
        };
    }

    private static void assertShortRunCountsEveryRequest(LoadTransport transport, AtomicLong answered) throws Exception {
        RecordingEventSink events = new RecordingEventSink();
        GooseEngine engine = GooseEngine.builder().transport(transport).eventSink(events).build();

        RunHandle run = engine.start(StartRunCommand.of(EngineHarness.config().users(3).hatchRate(100)
                .durationSeconds(1).thinkTimeSeconds(0.01).get("root", "/").build()));
        RunSummary summary = run.await(Duration.ofSeconds(10)).orElseThrow();

        assertEquals(RunState.COMPLETED, summary.state());
        assertEquals(answered.get(), summary.total().count());
        assertTrue(summary.total().count() > 50, "3 users thinking 10 ms for about 1 s: " + summary.total().count());
        assertTrue(summary.durationSeconds() >= 1.0 && summary.durationSeconds() < 5, "took " + summary.durationSeconds() + " s");
        PhaseSpan maintain = summary.phases().stream().filter(p -> p.phase() == RunPhase.MAINTAIN).findFirst().orElseThrow();
        assertTrue(Duration.between(maintain.startedAt(), maintain.endedAt()).toMillis() >= 1000);
        assertEquals(summary.total().count(), summary.timeline().stream().mapToLong(m -> m.requests()).sum());
        assertTrue(events.ended().isPresent());
    }
}
