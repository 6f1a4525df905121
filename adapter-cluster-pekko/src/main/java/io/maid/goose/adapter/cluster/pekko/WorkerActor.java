package io.maid.goose.adapter.cluster.pekko;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.adapter.cluster.pekko.protocol.ToCoordinator;
import io.maid.goose.adapter.cluster.pekko.protocol.ToWorker;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A worker node's actor: it registers with the receptionist under {@link #KEY}, acts only on commands that pass the
 * {@link CommandVerifier}, runs one segment at a time on its {@link SegmentRunner}, sends each second's sample to the
 * coordinator that gave it the segment, and stops the segment when that coordinator becomes unreachable or leaves.
 * Each refused command is logged once, without anything secret.
 */
final class WorkerActor extends AbstractBehavior<ToWorker> {
    static final ServiceKey<ToWorker> KEY = ServiceKey.create(ToWorker.class, "goose-worker");
    private static final Logger LOG = System.getLogger(WorkerActor.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LOGGED_REFUSALS = 1000;

    private final CommandVerifier verifier;
    private final SegmentRunner runner;
    private final RunConfigCodec codec;
    private final String self;
    private final Set<String> loggedRefusals = new LinkedHashSet<>();

    private String preparedRunId;
    private RunConfig prepared;
    private StartRunCommand.Segment preparedPart;
    private ActorRef<ToCoordinator> coordinator;
    private String runningRunId;
    private SegmentRunner.Segment running;
    private long lastSecond;
    private boolean stopping;

    static Behavior<ToWorker> create(CommandVerifier verifier, SegmentRunner runner, RunConfigCodec codec) {
        return Behaviors.setup(ctx -> new WorkerActor(ctx, verifier, runner, codec));
    }

    private WorkerActor(ActorContext<ToWorker> ctx, CommandVerifier verifier, SegmentRunner runner, RunConfigCodec codec) {
        super(ctx);
        this.verifier = verifier;
        this.runner = runner;
        this.codec = codec;
        this.self = Nodes.id(Cluster.get(ctx.getSystem()).selfMember().address());
        ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
        ActorRef<ClusterEvent.ClusterDomainEvent> events = ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class,
                ToWorker.Membership::new);
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(events, ClusterEvent.ClusterDomainEvent.class));
    }

    @Override
    public Receive<ToWorker> createReceive() {
        return newReceiveBuilder()
                .onMessage(ToWorker.Command.class, this::onCommand)
                .onMessage(ToWorker.SampleRecorded.class, this::onSample)
                .onMessage(ToWorker.Logged.class, this::onLogged)
                .onMessage(ToWorker.Ended.class, this::onEnded)
                .onMessage(ToWorker.Membership.class, this::onMembership)
                .build();
    }

    private Behavior<ToWorker> onCommand(ToWorker.Command m) {
        SignedCommand c = m.command();
        Optional<String> refusal = verifier.refusal(c);
        if (refusal.isPresent()) {
            refuse(m, refusal.get());
            return this;
        }
        switch (c.kind()) {
            case SignedCommand.SEGMENT -> prepare(m);
            case SignedCommand.START -> start(m);
            case SignedCommand.STOP -> stop(c.runId(), "the coordinator stopped the run");
            default -> refuse(m, "unknown command kind");
        }
        return this;
    }

    private void refuse(ToWorker.Command m, String reason) {
        SignedCommand c = m.command();
        String sender = m.replyTo() == null ? "unknown" : Nodes.id(m.replyTo().path().address());
        if (loggedRefusals.add(reason + "|" + c.nonce() + "|" + sender)) {
            if (loggedRefusals.size() > MAX_LOGGED_REFUSALS) {
                loggedRefusals.remove(loggedRefusals.iterator().next());
            }
            LOG.log(Level.WARNING, "worker " + self + " refused a '" + c.kind() + "' command for run " + c.runId()
                    + " from " + sender + ": " + reason);
        }
        if (m.replyTo() != null) {
            m.replyTo().tell(new ToCoordinator.Refused(c.runId(), self, c.kind(), reason));
        }
    }

    private void prepare(ToWorker.Command m) {
        SignedCommand c = m.command();
        if (running != null) {
            refuse(m, "busy with run " + runningRunId);
            return;
        }
        try {
            JsonNode body = JSON.readTree(c.body());
            DecodeResult decoded = codec.decode(body.path("config").asText());
            if (decoded instanceof DecodeResult.Invalid invalid) {
                refuse(m, "its segment is not a valid config: " + invalid.violations());
                return;
            }
            StartRunCommand.Segment part;
            try {
                part = new StartRunCommand.Segment(body.path("index").asInt(-1), body.path("workers").asInt(0));
            } catch (IllegalArgumentException e) {
                refuse(m, "its segment has no valid place in the run: " + e.getMessage());
                return;
            }
            prepared = ((DecodeResult.Valid) decoded).config();
            preparedPart = part;
            preparedRunId = c.runId();
            coordinator = m.replyTo();
            m.replyTo().tell(new ToCoordinator.SegmentReady(c.runId(), self));
        } catch (java.io.IOException e) {
            refuse(m, "its body is not JSON");
        }
    }

    private void start(ToWorker.Command m) {
        String runId = m.command().runId();
        if (prepared == null || !runId.equals(preparedRunId)) {
            refuse(m, "no segment of run " + runId + " was prepared here");
            return;
        }
        ActorRef<ToWorker> me = getContext().getSelf();
        try {
            running = runner.start(runId, prepared, preparedPart, new SegmentRunner.Listener() {
                @Override
                public void sample(IntervalSample sample) {
                    me.tell(new ToWorker.SampleRecorded(runId, sample));
                }

                @Override
                public void log(LogEvent event) {
                    me.tell(new ToWorker.Logged(runId, event.level().name(), event.message()));
                }

                @Override
                public void ended(RunSummary summary) {
                    me.tell(new ToWorker.Ended(runId, summary));
                }
            });
        } catch (RuntimeException e) {
            refuse(m, "its segment could not start: " + e.getMessage());
            prepared = null;
            return;
        }
        runningRunId = runId;
        prepared = null;
        lastSecond = 0;
        stopping = false;
        coordinator.tell(new ToCoordinator.SegmentStarted(runId, self, running.plannedSeconds()));
    }

    private void stop(String runId, String why) {
        if (running != null && runId.equals(runningRunId) && !stopping) {
            stopping = true;
            LOG.log(Level.INFO, "worker " + self + ": stopping its segment of run " + runId + ": " + why);
            running.stop();
        }
        if (running == null && runId.equals(preparedRunId)) {
            prepared = null;
            preparedRunId = null;
        }
    }

    private Behavior<ToWorker> onSample(ToWorker.SampleRecorded m) {
        if (m.runId().equals(runningRunId)) {
            IntervalSample s = m.sample();
            lastSecond = Math.max(lastSecond, s.second());
            coordinator.tell(new ToCoordinator.Sample(m.runId(), self, new IntervalSample(s.runId(), self, s.second(),
                    s.timestamp(), s.elapsedSeconds(), s.intervalSeconds(), s.phase(), s.activeUsers(), s.cpuUsage(),
                    s.ramUsage(), s.keys(), s.checks(), s.skipped(), s.droppedIterations(), s.tlsHandshakes(),
                    s.startedIterations())));
        }
        return this;
    }

    private Behavior<ToWorker> onLogged(ToWorker.Logged m) {
        boolean worth = m.level().equals(LogLevel.WARN.name()) || m.level().equals(LogLevel.ERROR.name());
        if (worth && m.runId().equals(runningRunId)) {
            coordinator.tell(new ToCoordinator.WorkerLog(m.runId(), self, m.level(), m.message()));
        }
        return this;
    }

    private Behavior<ToWorker> onEnded(ToWorker.Ended m) {
        if (m.runId().equals(runningRunId)) {
            RunSummary s = m.summary();
            coordinator.tell(new ToCoordinator.SegmentEnded(m.runId(), self, s.state().wireName(), s.failureReason(),
                    lastSecond, s.abandonedRequests(), s.total().count()));
            running = null;
            runningRunId = null;
        }
        return this;
    }

    private Behavior<ToWorker> onMembership(ToWorker.Membership m) {
        Address gone = null;
        if (m.event() instanceof ClusterEvent.UnreachableMember u) {
            gone = u.member().address();
        } else if (m.event() instanceof ClusterEvent.MemberRemoved r) {
            gone = r.member().address();
        } else if (m.event() instanceof ClusterEvent.MemberExited x) {
            gone = x.member().address();
        }
        if (gone != null && coordinator != null && gone.equals(coordinator.path().address())) {
            if (runningRunId != null) {
                stop(runningRunId, "its coordinator " + Nodes.id(gone) + " is unreachable or left the cluster");
            } else if (preparedRunId != null) {
                prepared = null;
                preparedRunId = null;
            }
        }
        return this;
    }
}
