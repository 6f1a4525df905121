package io.maid.goose.engine;

import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ScriptedTransport.Respond;
import io.maid.goose.testkit.ScriptedTransport.Sent;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run of exactly known size, for checking what the engine measures against what the scripted transport
 * did. Users send back to back (no think time) and the transport's latency moves the manual clock, so a
 * run drives itself once the first user has launched. To make its size exact, whatever the thread
 * scheduling, each user's call after the first {@code requests} hangs; the run is then stopped and the hung
 * calls released (they answer 200 with no latency), so the transport sees exactly {@code requests + users}
 * calls.
 */
record MeasuredRun(EngineHarness h, RunSummary summary) {
    private static final Duration FIRST_LAUNCH = Duration.ofMillis(10);

    static MeasuredRun of(EngineHarness.Users users, RunConfig config, long requests, ScriptedTransport.Script script) {
        EngineHarness h = new EngineHarness(users, call -> call.callNumber() >= requests ? ScriptedTransport.hang() : script.step(call));
        RunHandle run = h.start(config);
        h.clock.advance(FIRST_LAUNCH);
        Await.until(() -> h.transport.hanging() == config.users(), "every user to reach its last call");
        h.engine.stop();
        Await.until(() -> h.engine.status().phase() == RunPhase.SHUTDOWN, "shutdown");
        h.transport.releaseHanging();
        return new MeasuredRun(h, h.awaitEnd(run));
    }

    /** Users launched at 100/s that send back to back; the run is ended by {@link #of}, not by its duration. */
    static RunConfig.Builder backToBack(int users) {
        return EngineHarness.config().users(users).hatchRate(100).durationSeconds(3600).thinkTimeSeconds(0);
    }

    List<Sent> sent() {
        return h.transport.sent();
    }

    List<MetricsSnapshot> timeline() {
        return summary.timeline();
    }

    /** The status a call was answered with: its step's, or 200 for a released hang; 0 for a failure. */
    static int status(Sent s) {
        return switch (s.step()) {
            case Respond r -> r.status();
            case ScriptedTransport.Hang hang -> 200;
            case ScriptedTransport.Fail f -> 0;
        };
    }

    /** A call's latency as recorded: µs, at least the 1 µs minimum (a released hang took no time). */
    static long recordedMicros(Sent s) {
        return Math.max(1, s.step().latency().toNanos() / 1000);
    }

    /** Nearest rank: the smallest sample with at least p‰ of the samples at or below it. */
    static long nearestRank(long[] sorted, int perMille) {
        long rank = ((long) perMille * sorted.length + 999) / 1000;
        return sorted[(int) Math.max(1, rank) - 1];
    }

    static void assertWithinHdrPrecision(long expectedMicros, double actualMs, String what) {
        double actualMicros = actualMs * 1000;
        assertTrue(Math.abs(actualMicros - expectedMicros) <= expectedMicros * 0.001 + 1,
                what + ": expected " + expectedMicros + " µs, got " + actualMicros + " µs");
    }
}
