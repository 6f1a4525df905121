package io.maid.goose.engine;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.ManualClock;
import io.maid.goose.testkit.RecordingEventSink;
import io.maid.goose.testkit.ScriptedTransport;
import io.maid.goose.testkit.ThreadedLoopTransport;
import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.ports.out.LoadTransport;

import java.time.Duration;
import java.util.List;

/**
 * An engine on a manual clock with a scripted transport and a recording sink. While a run is in increase
 * or maintain, the controller and the metrics thread each sleep on the clock, so "everything is parked"
 * means {@code 2 + users thinking} sleepers.
 */
final class EngineHarness implements AutoCloseable {
    /** Controller + metrics thread. */
    static final int ENGINE_SLEEPERS = 2;

    /**
     * How the engine runs its users: a virtual thread each with the scripted transport's blocking sessions,
     * or as state machines on one event loop of the scripted transport wrapped in a
     * {@link ThreadedLoopTransport} (whose think-time timers are clock sleepers too, one per waiting user).
     */
    enum Users { THREADS, LOOPS }

    final ManualClock clock = new ManualClock();
    final RecordingEventSink events = new RecordingEventSink();
    final Users users;
    final ScriptedTransport transport;
    final GooseEngine engine;

    EngineHarness(Users users, ScriptedTransport.Script script) {
        this(users, script, null);
    }

    EngineHarness(Users users, ScriptedTransport.Script script, Long seed) {
        this(users, script, seed, null);
    }

    /** With a JSON body reader for json checks and extractors (null: none, as an embedder may forget). */
    EngineHarness(Users users, ScriptedTransport.Script script, Long seed, JsonBodyReader json) {
        this.users = users;
        transport = new ScriptedTransport(clock, script);
        LoadTransport driven = users == Users.LOOPS ? new ThreadedLoopTransport(transport, clock, 1) : transport;
        GooseEngine.Builder b = GooseEngine.builder().transport(driven).clock(clock).eventSink(events);
        if (seed != null) {
            b.randomSeed(seed);
        }
        if (json != null) {
            b.jsonBodyReader(json);
        }
        engine = b.build();
    }

    static EngineHarness answering200(Users users) {
        return new EngineHarness(users, call -> ScriptedTransport.respond(200));
    }

    static RunConfig.Builder config() {
        return RunConfig.builder("http://127.0.0.1:9").requestTimeoutSeconds(5);
    }

    RunHandle start(RunConfig config) {
        return engine.start(StartRunCommand.of(config));
    }

    /** Starts {@code config} as segment {@code index} of {@code count} of a distributed run. */
    RunHandle start(RunConfig config, int index, int count) {
        return engine.start(new StartRunCommand(config, null, new StartRunCommand.Segment(index, count)));
    }

    void advanceSeconds(double seconds) {
        clock.advanceNanos(Math.round(seconds * 1e9));
    }

    void awaitSleepers(int n) {
        Await.until(() -> clock.sleepers() == n, Duration.ofSeconds(10),
                n + " threads asleep on the clock (now " + clock.sleeperNames() + ")");
    }

    RunSummary awaitEnd(RunHandle run) {
        Await.until(() -> run.completion().isDone(), Duration.ofSeconds(10), "run " + run.runId() + " to end");
        return run.completion().join();
    }

    /** Drives the clock in {@code step}s until the run ends (for runs whose exact timing is not under test). */
    RunSummary driveToEnd(RunHandle run, Duration step) {
        Await.until(() -> {
            if (run.completion().isDone()) {
                return true;
            }
            clock.advance(step);
            return false;
        }, Duration.ofSeconds(20), "run " + run.runId() + " to end");
        return run.completion().join();
    }

    /**
     * Drives the clock in {@code step}s until the run ends, waiting after each step until the run is parked
     * again ({@link #parked}), so every user has done all it had to do at that time before time moves on. For
     * runs whose users always pause between transactions (think time) and whose script never hangs.
     */
    RunSummary stepToEnd(RunHandle run, Duration step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!run.completion().isDone()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("run " + run.runId() + " did not end; now " + clock);
            }
            step(run, step);
        }
        return run.completion().join();
    }

    /** Advances the clock by {@code step} and waits until the run is parked again or has ended. */
    void step(RunHandle run, Duration step) {
        clock.advance(step);
        Await.until(() -> run.completion().isDone() || parked(), Duration.ofSeconds(10),
                () -> "the run to park at " + clock.monotonicNanos() + " ns: asleep " + clock.sleeperNames() + ", "
                        + engine.status().activeUsers() + " users live");
    }

    /** Advances the clock in {@code step}s until it reads {@code seconds}, parking after each step. */
    void stepUntil(RunHandle run, double seconds, Duration step) {
        while (clock.monotonicNanos() < Math.round(seconds * 1e9) && !run.completion().isDone()) {
            step(run, step);
        }
    }

    /** The controller and the metrics thread asleep, and every live user too (thinking or pacing). */
    boolean parked() {
        return clock.sleepers() == ENGINE_SLEEPERS + engine.status().activeUsers();
    }

    /**
     * The order in which sleeping users were told to stop, as user indexes: with threads, the order their
     * sleeps were cut short; on the (single) loop, the order they left, which is the order the stops reached it.
     */
    List<Integer> stopOrder() {
        if (users == Users.LOOPS) {
            return transport.closedSessions();
        }
        return clock.signalledSleepers().stream()
                .filter(name -> name.startsWith("goose-user-"))
                .map(name -> Integer.parseInt(name.substring("goose-user-".length())))
                .toList();
    }

    /** Leaves no run behind: stops it and lets any shutdown grace pass. */
    @Override
    public void close() {
        engine.stop();
        Await.until(() -> {
            if (!engine.status().active()) {
                return true;
            }
            clock.advance(Duration.ofMinutes(10));
            return false;
        }, Duration.ofSeconds(10), "the run to end on close");
    }
}
