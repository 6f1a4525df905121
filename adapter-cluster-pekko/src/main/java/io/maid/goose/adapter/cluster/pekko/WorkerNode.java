package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.adapter.cluster.pekko.protocol.ToWorker;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.RunConfigCodec;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker: a cluster node with the role {@code worker} that joins the seed nodes and runs the segments coordinators
 * send it, on its {@link SegmentRunner}. {@link #close()} leaves the cluster and stops the node.
 */
public final class WorkerNode implements AutoCloseable {
    private final ActorSystem<ToWorker> system;

    private WorkerNode(ActorSystem<ToWorker> system) {
        this.system = system;
    }

    /**
     * Starts the node; it joins {@code settings.seedNodes()} in the background, or, with a bootstrap discovery, the
     * cluster its contact points report (see {@link Discovery}).
     *
     * @throws ClusterSettingsException when the settings may not start a node (see {@link ClusterSettings#validate()})
     */
    public static WorkerNode start(ClusterSettings settings, SegmentRunner runner, RunConfigCodec codec, Clock clock) {
        settings.validate();
        if (settings.seedNodes().isEmpty() && !settings.bootstraps()) {
            throw new ClusterSettingsException("a worker needs the coordinator's address: goose worker --cluster HOST:PORT"
                    + " (or engine.cluster.seed_nodes), or a bootstrap discovery (engine.cluster.discovery.method"
                    + " kubernetes or config)");
        }
        CommandVerifier verifier = new CommandVerifier(settings.secret(), clock, settings.commandWindow());
        ActorSystem<ToWorker> system = ActorSystem.create(WorkerActor.create(verifier, runner, codec), PekkoConfig.SYSTEM,
                PekkoConfig.of(settings, PekkoConfig.WORKER_ROLE, settings.seedNodes()));
        Bootstrap.start(system, settings);
        return new WorkerNode(system);
    }

    /** This node's {@code host:port}. */
    public String address() {
        return Nodes.id(Cluster.get(system).selfMember().address());
    }

    /** Whether this node is a member of the cluster ({@code Up}). */
    public boolean isUp() {
        return Cluster.get(system).selfMember().status() == org.apache.pekko.cluster.MemberStatus.up();
    }

    /** Completes when the node has stopped (closed, or downed by the cluster). */
    public CompletableFuture<Void> terminated() {
        return system.getWhenTerminated().toCompletableFuture().thenApply(done -> null);
    }

    /** Leaves the cluster (the coordinator sees the member go) and stops within {@code timeout}. */
    public void close(Duration timeout) {
        system.terminate();
        try {
            terminated().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the node is going anyway; nothing more to wait for
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }

}
