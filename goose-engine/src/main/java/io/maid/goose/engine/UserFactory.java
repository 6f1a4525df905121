package io.maid.goose.engine;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.flow.FlowPlan;
import io.maid.goose.engine.metrics.LatencyRecorders;
import io.maid.goose.engine.metrics.RunLayout;
import io.maid.goose.engine.metrics.UserCounters;
import io.maid.goose.engine.metrics.UserMeter;
import io.maid.goose.engine.schedule.ScenarioSchedule;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.SessionOptions;

import java.time.Duration;
import java.util.List;

/**
 * Makes a run's virtual users: user {@code i} gets its scenario from the {@link ScenarioSchedule}, its own
 * counters and meter, its session, flow and step runner from the {@link FlowPlan}, and runs on loop
 * {@code i mod loops} of an {@link EventLoopTransport} ({@link LoopUser}) or on a virtual thread of its own
 * with a blocking session ({@link ThreadUser}). Used by the run controller's thread only.
 *
 * <p>In a segment of a distributed run, the scenario and the session (its {@code $user} and its random
 * generator) follow the user's index in the whole run ({@link StartRunCommand.Segment#globalUser}), so they
 * are unique across the workers and the scenario mix is the whole run's; the loop and the latency stripe follow
 * the local index, which spreads this process's users evenly.
 */
final class UserFactory {
    private final RunConfig config;
    private final ScenarioSchedule schedule;
    private final RunLayout layout;
    private final LatencyRecorders recorders;
    private final FlowPlan flows;
    private final LoadTransport transport;
    /** The transport's event loops when it has them, else null (a thread per user). */
    private final List<EventLoop> loops;
    private final Clock clock;
    private final TargetAllowList allowedTargets;
    private final long graceNanos;
    private final long paceNanos;
    private final VirtualUser.Lifecycle lifecycle;
    private final StartRunCommand.Segment segment;

    UserFactory(RunConfig config, ScenarioSchedule schedule, RunLayout layout, LatencyRecorders recorders, FlowPlan flows,
                LoadTransport transport, Clock clock, TargetAllowList allowedTargets, long graceNanos, long paceNanos,
                VirtualUser.Lifecycle lifecycle, StartRunCommand.Segment segment) {
        this.config = config;
        this.segment = segment;
        this.schedule = schedule;
        this.layout = layout;
        this.recorders = recorders;
        this.flows = flows;
        this.transport = transport;
        this.loops = transport instanceof EventLoopTransport looping ? looping.eventLoops() : null;
        this.clock = clock;
        this.allowedTargets = allowedTargets;
        this.graceNanos = graceNanos;
        this.paceNanos = paceNanos;
        this.lifecycle = lifecycle;
    }

    /**
     * The latency stripes for a run on {@code transport}: one per event loop (stripe {@code k} is loop {@code k}'s,
     * written by that loop's thread only), or the thread users' bounded shared pool.
     */
    static LatencyRecorders recordersFor(LoadTransport transport, int slots, int users) {
        return transport instanceof EventLoopTransport looping
                ? LatencyRecorders.perLoop(slots, looping.eventLoops().size())
                : LatencyRecorders.forThreadUsers(slots, users);
    }

    VirtualUser make(int index) {
        int global = segment.globalUser(index);
        int s = schedule.scenarioFor(global);
        UserCounters counters = new UserCounters(layout.slotBase(s), layout.transactionCount(s), flows.countersFor(s));
        // A loop user records into its loop's own stripe (the loop is its stripe's only writer); a thread user into
        // its share of the pool.
        int loop = loops == null ? -1 : index % loops.size();
        UserMeter meter = new UserMeter(loop < 0 ? recorders.stripeOfUser(index) : recorders.stripe(loop), counters,
                flows.meanThinkNanos(s) / 1000, paceNanos / 1000);
        SessionOptions options = new SessionOptions(config.targetBaseUrl(), Duration.ofNanos(graceNanos), config.tls(),
                index, allowedTargets, config.maxResponseBytes());
        FlowPlan.UserPart part = flows.userPart(global, s, meter);
        return loops == null
                ? new ThreadUser(index, transport, options, clock, part.flow(), part.runner(), meter, paceNanos, lifecycle)
                : new LoopUser(index, loops.get(loop), options, clock, part.flow(), part.runner(), meter, paceNanos,
                        lifecycle);
    }
}
