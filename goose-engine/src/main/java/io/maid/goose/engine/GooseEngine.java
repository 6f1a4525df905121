package io.maid.goose.engine;

import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.shape.ClosedLoadShape;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.RunEventListener;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.JsonBodyReader;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RunEventSink;
import io.maid.goose.ports.out.SystemProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load engine: runs one load test at a time against a {@link LoadTransport}, Goose-style, and reports
 * what it measures as run events and a final summary.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * GooseEngine engine = GooseEngine.builder().transport(transport).eventSink(sink).build();
 * RunHandle run = engine.start(StartRunCommand.of(config));   // returns at once, in phase increase
 * RunSummary summary = run.await();                           // or engine.stop() to end it early
 * }</pre>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li><b>Load plan</b> (Goose's closed model): users launch at {@code hatch_rate} per second, evenly
 *       spaced (user {@code i}, 0-based, at {@code (i+1)/hatch_rate} s); maintain starts when the last has
 *       launched and lasts {@code duration.seconds}; then every user is told to stop, most recently
 *       launched first. A user stops between transactions, never in the middle of a request; a thinking
 *       user stops at once. The plan is a timetable: its <em>planned length</em> (last launch + maintain)
 *       is computed with saturating arithmetic, so no plan overflows.</li>
 *   <li><b>Bounded shutdown</b>: requests in flight get at most {@code request_timeout_seconds} to finish.
 *       After that they are abandoned: their sessions are closed and each counts as one
 *       {@code abandoned} failure (with no latency). A run always ends, even against a server that never
 *       answers: by its <em>hard deadline</em>, the planned length plus that grace, whatever the plan. A run
 *       that reaches the deadline is stopped like any other and says so in a warning.</li>
 *   <li><b>Phases</b>: idle → increase → maintain → decrease → shutdown → completed. {@link #stop()} in any
 *       phase goes straight to decrease and the run ends {@code cancelled}; a run that ran its course ends
 *       {@code completed}; an internal failure (for example a transport that throws) ends {@code failed}
 *       with a reason. In every case exactly one {@code RunEnded} is the run's last event, and then
 *       {@link RunHandle#completion()} completes normally with the same summary.</li>
 *   <li><b>One run at a time</b>: {@link #start} while a run is active throws
 *       {@link RunAlreadyActiveException}. A run stops being active just after its {@code RunEnded} has
 *       been delivered and before its completion future completes, so a {@code completion()} callback may
 *       start the next run (a {@code RunEnded} listener may not).</li>
 *   <li><b>Measurement</b>: latency is timed with the clock's monotonic time around each send and recorded
 *       in HdrHistogram (1 µs .. 1 h, 3 significant digits): raw, split into successful and failed
 *       requests, and corrected for coordinated omission over all of them (see
 *       {@link io.maid.goose.engine.metrics.UserMeter}). The request path takes no lock and, for a constant
 *       transaction without checks or extractors, allocates nothing per request (a transaction's first
 *       failure makes its failed-latency recorder, and a user's first failure its error-sample ring, once);
 *       a templated transaction allocates the request it renders, and a judged one what it captured. Counts, status codes and error messages go into each
 *       user's own single-writer counters;
 *       latency goes into HdrHistogram {@code Recorder}s that are <em>shared</em>: one set per
 *       transaction, written by every user of it, on every thread and loop. A {@code Recorder} is
 *       wait-free for writers, but its writers contend on its atomics, so recording costs more with
 *       more concurrent writers.</li>
 *   <li><b>Status</b>: {@link #status()} and the per-second {@code StatusEvent} carry the planned length;
 *       the status carries the run's state too: {@code running}, then {@code completed},
 *       {@code cancelled} or {@code failed}.</li>
 *   <li><b>Events</b> go to every builder sink and every subscriber, one at a time, in order; a sink or
 *       subscriber that throws is logged and ignored. They are published from the engine's own threads
 *       (and from the caller of {@code start} for the first ones), so receivers must not block.</li>
 *   <li><b>Flows</b> (see {@link io.maid.goose.engine.flow.FlowPlan}): each user has a session of its own
 *       (variables set by extractors and feeders, kept across iterations; transports never see it), runs
 *       on_start once, then its iteration, then on_stop once when it is stopped gracefully (not when it is
 *       abandoned). A request that cannot be made (an unset variable, a template error, a unique feeder out
 *       of rows) is not sent and is counted as <em>skipped</em> by reason, never as a request, so the
 *       request count still equals what the target received. Checks and extractors run on the user's own
 *       thread or loop after the outcome; their pass and fail counts are kept per check.</li>
 *   <li>Every wait goes through the injected {@link Clock}; with a manual clock a whole run is
 *       deterministic.</li>
 * </ul>
 * Thread-safe. The engine never closes the transport: its owner does.
 *
 * <h2>Design</h2>
 * A {@code RunController} per run drives the phases on a platform thread, with a
 * {@link io.maid.goose.engine.shape.LoadShape} deciding when users start and stop and a
 * {@link io.maid.goose.engine.schedule.ScenarioSchedule} assigning scenarios. How users run depends on the
 * transport: with an {@link io.maid.goose.ports.out.EventLoopTransport} each user is a small state machine on
 * one of its loops (user {@code i} on loop {@code i mod loops}; a request then costs no thread hand-off);
 * with any other transport each user has a virtual thread and a blocking session. Both behave the same
 * (the engine's tests run in both ways). Each user has its own transport session and records latency into
 * the shared per-transaction recorders and everything else into its own single-writer counters. A metrics
 * thread sums and diffs those once a second ({@link io.maid.goose.engine.metrics.IntervalAggregator}) and
 * the summary merges them at the end ({@link io.maid.goose.engine.metrics.SummaryTables}).
 */
public final class GooseEngine implements LoadTestEngine {
    private final LoadTransport transport;
    private final Clock clock;
    private final SystemProbe probe;
    private final Long randomSeed;
    private final TargetAllowList allowedTargets;
    private final JsonBodyReader jsonBodyReader;
    private final EventFanOut events;
    private final Object startLock = new Object();
    private volatile RunController current;

    private GooseEngine(Builder b) {
        this.transport = Objects.requireNonNull(b.transport, "transport is required: call builder().transport(...)");
        this.clock = b.clock == null ? new SystemClock() : b.clock;
        this.probe = b.probe == null ? SystemProbe.NONE : b.probe;
        this.randomSeed = b.randomSeed;
        this.allowedTargets = b.allowedTargets;
        this.jsonBodyReader = b.jsonBodyReader;
        this.events = new EventFanOut(b.sinks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a run and returns at once, in phase increase.
     *
     * @throws RunAlreadyActiveException if a run is still active
     * @throws IllegalStateException     if the run has a {@code json} check or extractor and the engine was built
     *                                   without a {@link Builder#jsonBodyReader JSON body reader}
     * @throws IllegalArgumentException  if a data feeder of the run still names its CSV file: load it into rows first
     */
    @Override
    public RunHandle start(StartRunCommand command) {
        Objects.requireNonNull(command, "command");
        synchronized (startLock) {
            RunController active = current;
            if (active != null && !active.isFinished()) {
                throw new RunAlreadyActiveException(active.runId());
            }
            RunConfig config = command.config();
            long seed = randomSeed != null ? randomSeed : ThreadLocalRandom.current().nextLong();
            RunController run = new RunController(command.runId(), config, clock, transport, probe, events,
                    ClosedLoadShape.of(config), seed, allowedTargets, jsonBodyReader, command.segment());
            current = run;
            try {
                return run.begin();
            } catch (RuntimeException | Error e) {
                current = active;
                throw e;
            }
        }
    }

    /** Stops the active run gracefully; it ends {@code cancelled}. */
    @Override
    public boolean stop() {
        RunController active = current;
        return active != null && !active.isFinished() && active.requestStop();
    }

    /**
     * Where the engine is, from volatile reads only. Before any run: {@link EngineStatus#IDLE}. During a run:
     * active, state running, with its planned length. After a run: inactive, with that run's id, phase
     * completed, start time, length and final state.
     */
    @Override
    public EngineStatus status() {
        RunController run = current;
        return run == null ? EngineStatus.IDLE : run.status();
    }

    @Override
    public Subscription subscribe(RunEventListener listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** Configures a {@link GooseEngine}; only the transport is required. */
    public static final class Builder {
        private LoadTransport transport;
        private Clock clock;
        private SystemProbe probe;
        private Long randomSeed;
        private TargetAllowList allowedTargets = TargetAllowList.anyHost();
        private JsonBodyReader jsonBodyReader;
        private final List<RunEventSink> sinks = new ArrayList<>();

        private Builder() {
        }

        /** The transport that sends the load (required). */
        public Builder transport(LoadTransport t) {
            this.transport = Objects.requireNonNull(t, "transport");
            return this;
        }

        /** The clock for every timestamp, duration and wait; default {@link SystemClock}. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Reads host CPU and RAM once a second; default {@link SystemProbe#NONE} (reported as -1). */
        public Builder systemProbe(SystemProbe p) {
            this.probe = Objects.requireNonNull(p, "systemProbe");
            return this;
        }

        /** Adds a sink; every sink receives every event of every run. */
        public Builder eventSink(RunEventSink s) {
            this.sinks.add(Objects.requireNonNull(s, "eventSink"));
            return this;
        }

        /**
         * Seeds the random scheduler, so runs repeat the same user-to-scenario assignment, and each user's own
         * generator (think-time ranges, {@code random} feeders, {@code $uuid}, {@code $random_int}), so they
         * repeat their draws. Without it each run draws a fresh seed, which the random scheduler logs and keeps
         * in the summary.
         */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /**
         * The hosts redirects may lead to; default any host. A redirect to a host not on the list is not
         * followed, and the request fails as {@code redirect_not_allowed}. The engine does not check the run's
         * own {@code target_base_url} against it: whoever accepts the config (the API, the CLI) does.
         */
        public Builder allowedTargets(TargetAllowList allowed) {
            this.allowedTargets = Objects.requireNonNull(allowed, "allowedTargets");
            return this;
        }

        /**
         * Reads JSON response bodies for {@code json} checks and extractors; without one, a run that has any
         * fails at {@link #start}.
         */
        public Builder jsonBodyReader(JsonBodyReader reader) {
            this.jsonBodyReader = Objects.requireNonNull(reader, "jsonBodyReader");
            return this;
        }

        public GooseEngine build() {
            return new GooseEngine(this);
        }
    }
}
