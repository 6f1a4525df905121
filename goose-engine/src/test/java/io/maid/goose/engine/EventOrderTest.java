package io.maid.goose.engine;

import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.SystemProbe;
import io.maid.goose.ports.out.SystemSample;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order of a run's events is the order of what happened: a consumer that prints them as they come (the
 * CLI, the WebSocket stream) never shows a snapshot of one phase after the events of the next.
 */
class EventOrderTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final ScriptedTransport transport = new ScriptedTransport(clock, call -> ScriptedTransport.respond(200));

    /**
     * Holds the metrics thread inside its 3 s snapshot (in the system probe) while the controller ends
     * maintain at 3.5 s and moves on, which is what a slow probe or a busy host does at a phase boundary.
     */
    @Test
    void aSnapshotTakenAcrossAPhaseChangeIsPublishedWithThePhaseItIsPublishedIn() throws Exception {
        CountDownLatch inThirdSample = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger samples = new AtomicInteger();
        SystemProbe probe = () -> {
            if (samples.incrementAndGet() == 3) {
                inThirdSample.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS), "the test releases the probe");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new SystemSample(50, 50, -1, -1);
        };
        GooseEngine engine = GooseEngine.builder().transport(transport).clock(clock).systemProbe(probe)
                .eventSink(events).build();
        // Users launch at 0.5, 1 and 1.5 s, so maintain runs from 1.5 s to 3.5 s: its end falls between two snapshots.
        RunHandle run = engine.start(StartRunCommand.of(config().users(3).hatchRate(2).durationSeconds(2)
                .thinkTimeSeconds(1000).get("root", "/").build()));

        advanceTo(0.5);
        awaitSleepers(3, 0);
        advanceTo(1.0);
        awaitSleepers(4, 1);
        advanceTo(1.5);
        awaitSleepers(5, 1);
        advanceTo(2.0);
        awaitSleepers(5, 2);
        advanceTo(3.0);
        assertTrue(inThirdSample.await(10, TimeUnit.SECONDS), "the metrics thread is sampling at 3 s");
        advanceTo(3.5);
        Await.until(() -> events.phaseChanges().stream().anyMatch(p -> p.to() == RunPhase.SHUTDOWN),
                Duration.ofSeconds(10), "the controller to reach shutdown while the 3 s snapshot is held");
        release.countDown();
        // The users were thinking and leave at once: the run ends without the clock moving on.
        Await.until(() -> run.completion().isDone(), "the run to end");

        List<RunEvent> all = events.events();
        RunPhase current = RunPhase.IDLE;
        int snapshots = 0;
        for (RunEvent e : all) {
            switch (e) {
                case PhaseChange p -> current = p.to();
                case MetricsSnapshot m -> {
                    snapshots++;
                    assertEquals(current, m.phase(), "snapshot at " + m.elapsedSeconds() + " s, in the order " + all);
                }
                case StatusEvent s -> assertEquals(current, s.phase(), "status at " + s.durationSeconds() + " s");
                default -> { }
            }
        }
        assertEquals(4, snapshots, "1 s, 2 s, 3 s and the final snapshot");
        MetricsSnapshot held = events.metrics().get(2);
        assertEquals(3.0, held.elapsedSeconds(), 1e-9);
        assertEquals(RunPhase.SHUTDOWN, held.phase(), "published after the shutdown began, it says so");
    }

    /** Waits until the controller, the metrics thread and the users launched so far sleep, after {@code snapshots}. */
    private void awaitSleepers(int n, int snapshots) {
        Await.until(() -> clock.sleepers() == n && events.metrics().size() == snapshots,
                n + " threads asleep on the clock after " + snapshots + " snapshots");
    }

    private void advanceTo(double seconds) {
        clock.advanceTo(Math.round(seconds * 1e9));
    }
}
