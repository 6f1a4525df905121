package io.maid.goose.app.cli;

import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.adapter.cluster.pekko.ClusterSettingsException;
import io.maid.goose.adapter.cluster.pekko.WorkerNode;
import io.maid.goose.app.Composition;
import io.maid.goose.app.ExitCodes;
import io.maid.goose.app.cluster.ClusterWiring;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.out.LoadTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code goose worker --cluster HOST:PORT[,HOST:PORT...]}: a cluster node with the role {@code worker}. It joins the
 * given nodes (a coordinator: {@code goose serve} with {@code engine.cluster.enabled}, or {@code goose run --cluster})
 * and runs the segments of their runs on this process's own engine, until SIGTERM or Ctrl-C, or until the cluster
 * removes it. Exit 0 after a signal, 1 when the node stopped for another reason, 2 for invalid settings.
 */
@Command(name = "worker", description = "Join a cluster as a worker and run the segments its coordinator sends.")
public final class WorkerCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]", split = ",",
            description = "The nodes to join (default: settings engine.cluster.seed_nodes; none with a bootstrap"
                    + " discovery, engine.cluster.discovery.method kubernetes or config).")
    List<String> cluster;

    @Option(names = "--bind", paramLabel = "HOST", description = "Address to listen on (default: engine.cluster.bind_host, 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port to listen on; 0 (the default) picks a free one.")
    int port;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file applied after /etc/maid/config.json and ./config.json.")
    Path config;

    @Option(names = "--transport", paramLabel = "NAME", description = "Load transport: lean, lean-threads or httpclient5.")
    String transport;

    @Option(names = "--event-loops", paramLabel = "N", description = "Event loops for the lean transport.")
    Integer eventLoops;

    @Override
    public Integer call() throws Exception {
        Settings settings = CliSettings.load("goose worker", config);
        if (settings == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        // the engine settings of --config too (they were loaded once more without it before)
        Settings.Engine kind = TransportChoice.resolve(settings.engine(), transport, eventLoops);
        if (kind == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        ClusterSettings cs;
        try {
            cs = ClusterWiring.settings(settings.engine().cluster(), cluster, bind, port).validate();
            if (cs.seedNodes().isEmpty() && !cs.bootstraps()) {
                throw new ClusterSettingsException("goose worker needs the coordinator's address: --cluster HOST:PORT,"
                        + " or engine.cluster.discovery.method kubernetes (Pekko Management's cluster bootstrap)");
            }
        } catch (ClusterSettingsException e) {
            System.err.println("goose worker: " + e.getMessage());
            return ExitCodes.INVALID_CONFIG;
        }
        TargetAllowList allowed = settings.security().targetAllowList(TargetAllowList.anyHost());
        CompletableFuture<String> stop = new CompletableFuture<>();
        try (LoadTransport t = Composition.transport(kind)) {
            GooseEngine engine = Composition.engine(t, allowed);
            try (WorkerNode node = ClusterWiring.worker(cs, engine);
                 SignalStopper ignored = new SignalStopper(() -> stop.complete("signal"),
                         () -> "stopping any segment and leaving the cluster", System.err)) {
                System.out.println("goose worker: node " + node.address() + " joining " + cs.seedNodes()
                        + " with the role worker (" + kind.transport() + " transport)");
                node.terminated().thenRun(() -> stop.complete("the cluster removed this node"));
                String why = stop.get();
                if (engine.status().active()) {
                    engine.stop();
                }
                System.out.println("goose worker: leaving the cluster (" + why + ")");
                return "signal".equals(why) ? ExitCodes.OK : ExitCodes.FAILED;
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

}
