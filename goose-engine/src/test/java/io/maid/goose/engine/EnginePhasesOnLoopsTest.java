package io.maid.goose.engine;

import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ThreadedLoopTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every test of {@link EnginePhasesTest}, with the users run as state machines on an event loop. */
class EnginePhasesOnLoopsTest extends EnginePhasesTest {
    @Override
    EngineHarness.Users users() {
        return EngineHarness.Users.LOOPS;
    }

    /**
     * On a loop, a transport bug shows as {@code send} throwing on the loop thread (a request handed to the
     * loop and never answered is abandoned at the end of the grace instead, see BoundedShutdownTest).
     */
    @Test
    @Override
    void aTransportThatThrowsFailsTheRunWhichStillEnds() {
        ManualClock clock = new ManualClock();
        RecordingEventSink events = new RecordingEventSink();
        try (ThreadedLoopTransport loops = new ThreadedLoopTransport(
                ScriptedTransport.always(clock, ScriptedTransport.respond(200)), clock, 1)) {
            EventLoopTransport throwing = new EventLoopTransport() {
                @Override
                public List<EventLoop> eventLoops() {
                    EventLoop real = loops.eventLoops().get(0);
                    return List.of(new EventLoop() {
                        @Override
                        public void execute(Runnable task) {
                            real.execute(task);
                        }

                        @Override
                        public Timer schedule(long delayNanos, Runnable task) {
                            return real.schedule(delayNanos, task);
                        }

                        @Override
                        public LoopSession openSession(SessionOptions options) {
                            LoopSession session = real.openSession(options);
                            return new LoopSession() {
                                @Override
                                public void send(RequestSpec request, io.maid.goose.ports.out.SendOptions options,
                                                 Consumer<RequestOutcome> done) {
                                    throw new IllegalStateException("transport bug");
                                }

                                @Override
                                public void close() {
                                    session.close();
                                }
                            };
                        }

                        @Override
                        public boolean inLoop() {
                            return real.inLoop();
                        }
                    });
                }

                @Override
                public TransportSession openSession(SessionOptions options) {
                    throw new UnsupportedOperationException("users run on the loop");
                }
            };
            GooseEngine engine = GooseEngine.builder().transport(throwing).clock(clock).eventSink(events).build();
            RunHandle run = engine.start(StartRunCommand.of(
                    config().users(2).hatchRate(2).durationSeconds(60).get("root", "/").build()));
            clock.advance(Duration.ofSeconds(1));
            Await.until(() -> run.completion().isDone(), Duration.ofSeconds(10), "the run to end");
            RunSummary summary = run.completion().join();
            assertEquals(RunState.FAILED, summary.state());
            assertTrue(summary.failureReason().contains("transport bug"), summary.failureReason());
            assertTrue(events.ended().isPresent());
            assertTrue(events.logs().stream().anyMatch(l -> l.level() == LogLevel.ERROR));
            assertFalse(engine.status().active());
            assertEquals(RunState.FAILED, engine.status().state());
        }
    }
}
