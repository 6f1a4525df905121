package io.maid.goose.engine;

import io.maid.goose.domain.PhaseSpan;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.StopSignal;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.maid.goose.engine.EngineHarness.ENGINE_SLEEPERS;
import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run's phase spans and its start and end are stamped on the run's own time line (the wall time at the
 * start, moved on by the monotonic clock), so a wall clock stepped mid-run (NTP, a VM resumed) changes no
 * span's length: maintain lasts exactly its duration, and the summary's end minus its start is its duration.
 */
class RunTimeStampsTest {
    /** A manual clock whose wall time a test can step on its own, as NTP steps a real one. */
    private static final class SteppedWallClock implements Clock {
        final ManualClock monotonic = new ManualClock();
        volatile Duration step = Duration.ZERO;

        @Override
        public Instant wallTime() {
            return monotonic.wallTime().plus(step);
        }

        @Override
        public long monotonicNanos() {
            return monotonic.monotonicNanos();
        }

        @Override
        public boolean sleepUntil(long deadlineNanos, StopSignal wakeUp) throws InterruptedException {
            return monotonic.sleepUntil(deadlineNanos, wakeUp);
        }
    }

    private static Instant at(double seconds) {
        return ManualClock.DEFAULT_START.plusNanos(Math.round(seconds * 1e9));
    }

    @Test
    void aWallClockSteppedBackDuringMaintainLeavesEverySpanItsMonotonicLength() {
        SteppedWallClock clock = new SteppedWallClock();
        GooseEngine engine = GooseEngine.builder().clock(clock).eventSink(new RecordingEventSink())
                .transport(new ScriptedTransport(clock.monotonic, call -> ScriptedTransport.respond(200))).build();
        // two users launch at 0.5 s and 1 s and then think past the end of the test
        RunHandle run = engine.start(StartRunCommand.of(config().users(2).hatchRate(2).durationSeconds(3)
                .thinkTimeSeconds(1000).get("root", "/").build()));
        clock.monotonic.advanceNanos(1_000_000_000L);
        awaitSleepers(clock, ENGINE_SLEEPERS + 2);
        clock.step = Duration.ofMillis(-1500);
        clock.monotonic.advanceNanos(3_000_000_000L);
        Await.until(() -> run.completion().isDone(), Duration.ofSeconds(10), "the run to end");
        RunSummary summary = run.completion().join();

        assertEquals(RunState.COMPLETED, summary.state());
        assertEquals(at(0), summary.startedAt());
        PhaseSpan maintain = summary.phases().stream().filter(p -> p.phase() == RunPhase.MAINTAIN).findFirst()
                .orElseThrow();
        assertEquals(new PhaseSpan(RunPhase.MAINTAIN, at(1), at(4)), maintain,
                "maintain lasts its 3 s although the wall clock went back 1.5 s");
        assertEquals(Math.round(summary.durationSeconds() * 1e9),
                Duration.between(summary.startedAt(), summary.endedAt()).toNanos(), "end minus start is the duration");
        assertEquals(summary.endedAt(), summary.phases().getLast().startedAt(), "completed starts at the end");
        for (int i = 1; i < summary.phases().size(); i++) {
            assertEquals(summary.phases().get(i - 1).endedAt(), summary.phases().get(i).startedAt(),
                    "each span starts where the one before ended");
        }
    }

    private static void awaitSleepers(SteppedWallClock clock, int n) {
        Await.until(() -> clock.monotonic.sleepers() == n, Duration.ofSeconds(10),
                n + " threads asleep on the clock (now " + clock.monotonic.sleeperNames() + ")");
    }
}
