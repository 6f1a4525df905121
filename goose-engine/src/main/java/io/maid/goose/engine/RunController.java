package io.maid.goose.engine;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunEnded;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.SchedulerKind;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.engine.flow.FlowPlan;
import io.maid.goose.engine.metrics.IntervalAggregator;
import io.maid.goose.engine.metrics.Latencies;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.SummaryTables;
import io.maid.goose.engine.schedule.ScenarioSchedule;
import io.maid.goose.engine.shape.ArrivalSchedule;
import io.maid.goose.engine.shape.StagePlan;
import io.maid.goose.engine.shape.LoadShape;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.StopSignal;
import io.maid.goose.ports.out.SystemProbe;

import static io.maid.goose.engine.RunMessages.describe;
import static io.maid.goose.engine.RunMessages.number;
import static io.maid.goose.engine.RunMessages.seconds;
import static io.maid.goose.engine.RunMessages.users;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one run through its phases on its own platform thread: increase (launch users per the
 * {@link LoadShape}), maintain, decrease (stop users, most recent first), shutdown (wait at most the
 * request timeout for requests in flight, then abandon them), completed (final snapshot, summary,
 * {@code RunEnded}, then the completion future). A staged plan ({@link StagedUsers}) or an open one
 * ({@link OpenArrivals}) takes the place of increase and maintain, entering each stage's phase itself.
 *
 * <p>No wait of any phase goes past the {@link RunTimetable}'s hard deadline (planned length + shutdown
 * grace). A run that reaches it (the controller fell behind, or a load shape broke its contract) is
 * stopped like any other, with a warning, so it has ended by then.
 *
 * <p>Why it ends is {@link RunEnding}'s to decide. Whatever happens — a stop request, a user whose transport
 * throws, a bug, data that ran out — the run goes through
 * decrease and shutdown, ends with exactly one {@code RunEnded}, and completes its future normally. Every
 * wait goes through the {@link Clock}, so a manual clock drives a whole run deterministically.
 */
final class RunController {
    private static final Logger LOG = System.getLogger(RunController.class.getName());
    private static final long SECOND = 1_000_000_000L;
    /** Launching this far behind the plan is worth a note in the maintain log line. */
    private static final long LATE_NOTICE_NANOS = 100_000_000L;

    private final String runId;
    private final RunConfig config;
    private final Clock clock;
    private final RunTime time;
    private final EventFanOut events;
    private final LoadShape shape;
    private final Long schedulerSeed;
    private final IntervalAggregator aggregator;
    private final FlowPlan flows;
    private final UserFactory users;
    private final UserPool pool;
    private final PlanProgress progress;
    /** The staged plan's driver, or null. */
    private final StagedUsers staged;
    /** The open plan's driver, or null; both null for the shorthand. */
    private final OpenArrivals open;
    private final PhaseTimeline phases;
    private final MetricsTicker ticker;
    private final ThresholdWatch thresholds;
    private final long graceNanos;
    private final long startNanos;
    private final RunTimetable timetable;
    private final Instant startedAt;
    private final RunEnding ending = new RunEnding();
    /** Cut short by a stop request, an early end or a failure ({@link RunEnding#signal()}). */
    private final StopSignal stopRequested = ending.signal();
    private final CompletableFuture<RunSummary> completion = new CompletableFuture<>();
    private final List<Integer> abandonedSlots = new ArrayList<>();
    private boolean overran;
    private volatile EngineStatus finalStatus;
    private Thread tickerThread;

    /**
     * @throws IllegalStateException    when the run needs a JSON body reader and {@code json} is null
     * @throws IllegalArgumentException when a data feeder still names its CSV file
     */
    RunController(String runId, RunConfig config, Clock clock, LoadTransport transport, SystemProbe probe,
                  EventFanOut events, LoadShape shape, long seed, TargetAllowList allowedTargets, JsonBodyReader json,
                  StartRunCommand.Segment segment) {
        this.runId = runId;
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.shape = shape;
        this.schedulerSeed = config.scheduler() == SchedulerKind.RANDOM ? seed : null;
        RunLayout layout = new RunLayout(config.scenarios());
        LatencyRecorders recorders = UserFactory.recordersFor(transport, layout.slotCount(), shape.users());
        this.aggregator = new IntervalAggregator(layout, recorders);
        this.flows = FlowPlan.of(config, layout, json, runId, clock, seed, this::feederExhausted);
        LoadPlan plan = config.load();
        StagePlan stages = plan instanceof LoadPlan.Stages s ? new StagePlan(s) : null;
        ArrivalSchedule arrivals = plan instanceof LoadPlan.Arrival a ? new ArrivalSchedule(a, segment.arrivalPhase()) : null;
        int capacity = stages != null ? (int) stages.totalLaunches() : arrivals != null ? config.users() : shape.users();
        this.progress = new PlanProgress(stages != null, arrivals != null);
        // Users that all left on their own end the run early; a plan that took them to 0 does not.
        this.pool = new UserPool(capacity, (user, cause) ->
                fail("user " + user.index() + " stopped on an unexpected error: " + describe(cause), cause), () -> {
                    if (arrivals != null || progress.target() > 0) {
                        ending.endEarly("every user has stopped (their data ran out)");
                    }
                });
        long paceNanos = config.throughputCapRps() == null || arrivals != null ? 0
                : secondsToNanos(config.users() / config.throughputCapRps());
        this.graceNanos = secondsToNanos(config.requestTimeoutSeconds());
        // the schedule reaches as far as the whole run's user indices go (this segment's are global)
        int reach = (int) Math.min(Integer.MAX_VALUE, (long) capacity * segment.count());
        this.users = new UserFactory(config, ScenarioSchedule.of(config.scenarios(), config.scheduler(), seed,
                reach), layout, recorders, flows, transport, clock, allowedTargets, graceNanos, paceNanos, pool, segment);
        RunTime time = RunTime.startingNow(clock);
        this.time = time;
        this.startNanos = time.originNanos();
        this.phases = new PhaseTimeline(runId, time, events);
        this.timetable = stages != null ? new RunTimetable(startNanos, stages.plannedNanos(), graceNanos)
                : arrivals != null ? new RunTimetable(startNanos, arrivals.plannedNanos(), graceNanos)
                : new RunTimetable(startNanos, shape, graceNanos);
        this.startedAt = time.originWall();
        PlanDriving driving = new PlanDriving(timetable, clock, phases, stopRequested, progress, events, runId, this::overran);
        this.staged = stages == null ? null : new StagedUsers(stages, driving, pool, users);
        this.open = arrivals == null ? null : new OpenArrivals(arrivals, ((LoadPlan.Arrival) plan).preAllocatedUsers(),
                config.users(), config.throughputCapRps(), driving);
        if (open != null) {
            open.users(pool, users);
        }
        this.ticker = new MetricsTicker(runId, clock, startNanos, timetable.plannedSeconds(), aggregator, pool, phases,
                probe, events, cause -> fail("metrics aggregation failed: " + describe(cause), cause),
                open == null ? () -> 0 : open::dropped, open == null ? () -> 0 : open::started);
        this.thresholds = new ThresholdWatch(runId, config, clock, startedAt, timetable.plannedSeconds(), aggregator,
                open == null ? () -> 0 : open::dropped, ending, events);
        ticker.afterEachTick(thresholds::afterTick);
    }

    String runId() {
        return runId;
    }

    /** Announces the run, enters increase and starts the controller and metrics threads. */
    RunHandle begin() {
        log(LogLevel.INFO, RunMessages.started(runId, config, timetable));
        if (schedulerSeed != null) {
            log(LogLevel.INFO, "random scheduler seed " + schedulerSeed
                    + " (give it to the engine builder's randomSeed to repeat this assignment)");
        }
        if (staged != null) {
            staged.enter(0);
        } else if (open != null) {
            open.enter(0);
        } else {
            phases.moveTo(RunPhase.INCREASE, "launching " + shape.users() + " users at " + number(config.hatchRate())
                    + " users/s");
        }
        String shortId = runId.substring(0, Math.min(8, runId.length()));
        tickerThread = Thread.ofPlatform().daemon().name("goose-metrics-" + shortId).start(ticker);
        Thread.ofPlatform().daemon().name("goose-run-" + shortId).start(this::drive);
        return new StartedRun(runId, startedAt, completion.copy());
    }

    /** A unique feeder ran out (told once per feeder, on a user's thread or loop). */
    private void feederExhausted(DataFeeder feeder) {
        ending.feederExhausted(feeder, message -> log(LogLevel.WARN, message));
    }

    /** @return false if the run has already decided how it ended */
    boolean requestStop() {
        return ending.requestStop();
    }

    boolean isFinished() {
        return finalStatus != null;
    }

    EngineStatus status() {
        EngineStatus done = finalStatus;
        if (done != null) {
            return done;
        }
        return new EngineStatus(true, runId, phases.current(), startedAt, pool.live(),
                (clock.monotonicNanos() - startNanos) / SECOND, RunState.RUNNING, timetable.plannedSeconds(),
                progress.stage(), progress.targetUsers());
    }

    private void drive() {
        try {
            if (staged != null) {
                staged.run();
            } else if (open != null) {
                open.run();
            } else if (increase()) {
                maintain();
            }
        } catch (InterruptedException e) {
            fail("the run was interrupted", e);
        } catch (RuntimeException | Error e) {
            fail("internal error while launching users: " + describe(e), e);
        }
        try {
            decrease();
            shutdown();
        } catch (InterruptedException e) {
            fail("the run was interrupted", e);
            abandonAll();
        } catch (RuntimeException | Error e) {
            fail("internal error while stopping users: " + describe(e), e);
            abandonAll();
        }
        finish();
    }

    /** @return true if every user was launched without a stop request */
    private boolean increase() throws InterruptedException {
        long deadline = timetable.hardDeadline();
        for (int i = 0; i < shape.users(); i++) {
            if (stopRequested.isSignalled()) {
                return false;
            }
            if (!clock.sleepUntil(RunTimetable.earlier(timetable.at(shape.launchOffsetNanos(i)), deadline), stopRequested)) {
                return false;
            }
            if (RunTimetable.reached(deadline, clock.monotonicNanos())) {
                overran("while launching users (" + i + " of " + shape.users() + " launched)");
                return false;
            }
            launch(i);
            progress.target(i + 1);
        }
        return !stopRequested.isSignalled();
    }

    private void launch(int index) {
        pool.launch(users.make(index));
    }

    /** Holds every user for the maintain length, but never past the hard deadline. */
    private void maintain() throws InterruptedException {
        long now = clock.monotonicNanos();
        long behind = now - timetable.at(shape.launchOffsetNanos(shape.users() - 1));
        phases.moveTo(RunPhase.MAINTAIN, "all " + pool.launched() + " users running; holding them for "
                + config.duration().seconds() + " s" + (behind < LATE_NOTICE_NANOS ? "" : String.format(Locale.ROOT,
                " (launching fell %.1f s behind the plan)", behind / 1e9)), now);
        long end = now + Math.min(shape.maintainNanos(), RunTimetable.NEVER);
        long until = RunTimetable.earlier(end, timetable.hardDeadline());
        if (clock.sleepUntil(until, stopRequested) && until != end) {
            overran("in maintain");
        }
    }

    private void decrease() throws InterruptedException {
        String reason = ending.decreaseReason(overran, config.isShorthand() ? "maintain ended" : "the load plan ended");
        List<VirtualUser> newestFirst = pool.newestFirst();
        if (!config.isShorthand()) {
            // A staged plan has stopped some already: only those still running are stopped now.
            newestFirst.removeIf(VirtualUser::hasExited);
        }
        progress.target(0);
        String stopping = "stopping " + newestFirst.size() + " users, most recently launched first (" + reason + ")";
        if (phases.current() == RunPhase.DECREASE) {
            log(LogLevel.INFO, stopping);
        } else {
            phases.moveTo(RunPhase.DECREASE, stopping);
        }
        pool.launchingOver();
        long begin = clock.monotonicNanos();
        for (int k = 0; k < newestFirst.size(); k++) {
            long at = RunTimetable.earlier(begin + Math.min(shape.stopOffsetNanos(k), RunTimetable.NEVER),
                    timetable.hardDeadline());
            if (!stopRequested.isSignalled() && at - clock.monotonicNanos() > 0) {
                clock.sleepUntil(at, stopRequested);
            }
            newestFirst.get(k).stop();
        }
    }

    /**
     * Waits for the users still in a request, at most the grace and never past the hard deadline; the users
     * that are thinking were told to stop in decrease and leave at once.
     */
    private void shutdown() throws InterruptedException {
        long now = clock.monotonicNanos();
        long until = RunTimetable.earlier(now + graceNanos, timetable.hardDeadline());
        int inFlight = pool.inRequest();
        int thinking = Math.max(0, pool.live() - inFlight);
        phases.moveTo(RunPhase.SHUTDOWN, flows.hasOnStop()
                ? "waiting up to " + seconds(Math.max(0, until - now)) + " s for " + users(pool.live())
                        + " to finish their requests in flight and run their on_stop transactions"
                : "waiting up to " + seconds(Math.max(0, until - now)) + " s for " + users(inFlight)
                        + " to finish their requests in flight"
                        + (thinking == 0 ? "" : " (" + users(thinking) + " thinking, leaving at once)"));
        clock.sleepUntil(until, pool.allExited());
        if (pool.live() > 0) {
            if (until != now + graceNanos) {
                overran("in shutdown, with " + users(pool.inRequest()) + " still in a request");
            }
            abandonAll();
        }
    }

    /** The run reached its hard deadline: it is stopped like any other, with a warning (once). */
    private void overran(String where) {
        if (!overran) {
            overran = true;
            log(LogLevel.WARN, String.format(Locale.ROOT,
                    "the run reached its hard deadline %s: planned %d s + %s s shutdown grace; stopping it", where,
                    timetable.plannedSeconds(), number(config.requestTimeoutSeconds())));
        }
    }

    /** Ends every user still alive: requests in flight are abandoned and counted, the rest leave. */
    private void abandonAll() {
        pool.abandonAll(abandonedSlots, config.requestTimeoutSeconds(), this::log);
    }

    private void finish() {
        RunSummary summary;
        try {
            summary = summarize();
        } catch (RuntimeException | Error e) {
            fail("internal error while summarising the run: " + describe(e), e);
            summary = fallbackSummary();
        }
        try {
            events.publish(new RunEnded(summary));
        } finally {
            finalStatus = new EngineStatus(false, runId, RunPhase.COMPLETED, startedAt, 0, (long) summary.durationSeconds(),
                    summary.state(), timetable.plannedSeconds());
            completion.complete(summary);
        }
    }

    private RunSummary summarize() {
        ticker.stop();
        joinTicker();
        for (int slot : abandonedSlots) {
            aggregator.addAbandoned(slot);
        }
        MetricsTicker.Tick last = ticker.finalTick();
        Instant endedAt = time.at(last.nanos());
        double duration = (last.nanos() - startNanos) / 1e9;
        RunState state = decideState();
        SummaryTables tables = SummaryTables.of(aggregator, duration);
        phases.moveTo(RunPhase.COMPLETED, String.format(Locale.ROOT,
                "run %s after %.1f s: %d requests, %d failures, %d abandoned%s", state.wireName(), duration,
                tables.total().count(), tables.total().failures(), abandonedSlots.size(),
                ending.failure() == null ? "" : " (" + ending.failure() + ")"), last.nanos());
        return thresholds.judged(new RunSummary(runId, state, startedAt, endedAt, duration, timetable.plannedSeconds(),
                config, phases.spans(), tables.requests(), tables.transactions(), tables.scenarios(), tables.total(),
                ticker.timeline(), abandonedSlots.size(), tables.histograms(), schedulerSeed, ending.failure(),
                ticker.keyTimelines(aggregator.layout()), aggregator.flows().checks(), aggregator.flows().skipped(),
                List.of(), open == null ? 0 : open.dropped(), List.of(),
                Latencies.handshakes(aggregator.cumulativeHandshakes())));
    }

    /** A summary without statistics, for when building the real one failed: the run must still end. */
    private RunSummary fallbackSummary() {
        decideState();
        if (phases.current() != RunPhase.COMPLETED) {
            phases.moveTo(RunPhase.COMPLETED, "run failed: " + ending.failure());
        }
        long endNanos = clock.monotonicNanos();
        double duration = (endNanos - startNanos) / 1e9;
        SummaryTables none = SummaryTables.empty();
        return new RunSummary(runId, RunState.FAILED, startedAt, time.at(endNanos), duration, timetable.plannedSeconds(),
                config, phases.spans(), none.requests(), none.transactions(), none.scenarios(), none.total(), List.of(),
                abandonedSlots.size(), none.histograms(), schedulerSeed, ending.failure());
    }

    private void joinTicker() {
        try {
            tickerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the metrics thread", e);
        }
    }

    private RunState decideState() {
        return ending.decide();
    }

    private void fail(String reason, Throwable cause) {
        if (ending.fail(reason)) {
            LOG.log(Level.ERROR, "run " + runId + " failed: " + reason, cause);
            log(LogLevel.ERROR, reason);
        }
    }

    private void log(LogLevel level, String message) {
        events.publish(new LogEvent(runId, clock.wallTime(), level, message));
    }

    private static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /** The handle {@code start} returns. */
    private record StartedRun(String runId, Instant startedAt, CompletableFuture<RunSummary> completion)
            implements RunHandle {
    }
}
