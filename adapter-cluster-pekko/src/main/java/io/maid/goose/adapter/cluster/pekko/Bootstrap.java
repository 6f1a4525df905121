package io.maid.goose.adapter.cluster.pekko;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts Pekko Management and the cluster bootstrap on a node whose settings say so ({@link Discovery}). */
final class Bootstrap {
    static final int START_TIMEOUT_SECONDS = 30;

    private Bootstrap() {
    }

    /**
     * Does nothing for seed nodes. Otherwise binds the management endpoint (within {@value #START_TIMEOUT_SECONDS} s)
     * and starts the bootstrap, which joins or forms the cluster in the background.
     *
     * @throws ClusterSettingsException when the management endpoint cannot be bound (the node is then stopped)
     */
    static void start(ActorSystem<?> system, ClusterSettings s) {
        if (!s.bootstraps()) {
            return;
        }
        try {
            PekkoManagement.get(system).start().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            system.terminate();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ClusterSettingsException("Pekko Management could not listen on " + s.bindHost() + ":"
                    + s.discovery().managementPort() + " (engine.cluster.discovery.management_port): " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.terminate();
            throw new ClusterSettingsException("interrupted while Pekko Management started");
        }
        ClusterBootstrap.get(system).start();
    }
}
