package io.maid.goose.adapter.cluster.pekko;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Pekko Management's readiness check of a node ({@code /ready}): ready once it is an {@code Up} member of the
 * cluster, so a Kubernetes Service sends nothing to a pod that has not joined yet. Pekko Management makes it by
 * reflection, with the node's actor system.
 */
public final class MemberUpCheck implements Supplier<CompletionStage<Boolean>> {
    private final Cluster cluster;

    public MemberUpCheck(ActorSystem system) {
        this.cluster = Cluster.get(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        return CompletableFuture.completedFuture(cluster.selfMember().status() == MemberStatus.up());
    }
}
