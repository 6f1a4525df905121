package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.adapter.cluster.pekko.protocol.ToCoordinator;
import io.maid.goose.adapter.cluster.pekko.protocol.ToWorker;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The coordinator node's actor: it keeps the engine's view of the workers (from the receptionist and cluster
 * membership) current, and hands every worker message to the engine. All decisions are the engine's.
 */
final class CoordinatorActor extends AbstractBehavior<ToCoordinator> {
    private final ClusterLoadTestEngine engine;

    static Behavior<ToCoordinator> create(ClusterLoadTestEngine engine) {
        return Behaviors.setup(ctx -> new CoordinatorActor(ctx, engine));
    }

    private CoordinatorActor(ActorContext<ToCoordinator> ctx, ClusterLoadTestEngine engine) {
        super(ctx);
        this.engine = engine;
        ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, ToCoordinator.WorkersListed::new);
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(WorkerActor.KEY, listings));
        ActorRef<ClusterEvent.ClusterDomainEvent> events = ctx.messageAdapter(ClusterEvent.ClusterDomainEvent.class,
                ToCoordinator.Membership::new);
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(events, ClusterEvent.ClusterDomainEvent.class));
    }

    @Override
    public Receive<ToCoordinator> createReceive() {
        return newReceiveBuilder()
                .onMessage(ToCoordinator.WorkersListed.class, m -> {
                    engine.workersListed(((Receptionist.Listing) m.listing()).getServiceInstances(WorkerActor.KEY));
                    return this;
                })
                .onMessage(ToCoordinator.Membership.class, this::onMembership)
                .onMessage(ToCoordinator.SegmentReady.class, m -> {
                    engine.ready(m);
                    return this;
                })
                .onMessage(ToCoordinator.Refused.class, m -> {
                    engine.refused(m);
                    return this;
                })
                .onMessage(ToCoordinator.SegmentStarted.class, m -> {
                    engine.segmentStarted(m);
                    return this;
                })
                .onMessage(ToCoordinator.Sample.class, m -> {
                    engine.sample(m);
                    return this;
                })
                .onMessage(ToCoordinator.WorkerLog.class, m -> {
                    engine.workerLog(m);
                    return this;
                })
                .onMessage(ToCoordinator.SegmentEnded.class, m -> {
                    engine.segmentEnded(m);
                    return this;
                })
                .build();
    }

    private Behavior<ToCoordinator> onMembership(ToCoordinator.Membership m) {
        Object e = m.event();
        org.apache.pekko.actor.Address self = Cluster.get(getContext().getSystem()).selfMember().address();
        if (e instanceof ClusterEvent.MemberDowned d && d.member().address().equals(self)) {
            engine.nodeStopped("was downed by the cluster");
        } else if (e instanceof ClusterEvent.MemberRemoved r && r.member().address().equals(self)) {
            engine.nodeStopped("was removed from the cluster");
        } else if (e instanceof ClusterEvent.UnreachableMember u) {
            engine.memberGone(Nodes.id(u.member().address()), "unreachable (the failure detector lost its heartbeat)");
        } else if (e instanceof ClusterEvent.MemberRemoved r) {
            engine.memberGone(Nodes.id(r.member().address()), "removed from the cluster");
        } else if (e instanceof ClusterEvent.MemberExited x) {
            engine.memberGone(Nodes.id(x.member().address()), "left the cluster");
        } else if (e instanceof ClusterEvent.ReachableMember r) {
            engine.memberBack(Nodes.id(r.member().address()));
        }
        return this;
    }

    /** A worker's actor, named by its node. */
    static String id(ActorRef<ToWorker> worker) {
        return Nodes.id(worker.path().address());
    }
}
