package io.maid.goose.app.cli;

import io.maid.goose.app.ExitCodes;
import io.maid.goose.app.service.ServiceRuntime;
import io.maid.goose.app.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code goose serve}: the REST API and WebSocket stream. SIGTERM or Ctrl-C stops an active run
 * gracefully (its report is written), closes stream clients with 1001 (going away), then the service exits;
 * what it says on the way names the run it stops, or that none is active.
 */
@Command(name = "serve", description = "Start the REST API and WebSocket stream (see README).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file applied after /etc/maid/config.json and ./config.json.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Settings settings = CliSettings.load("goose serve", config);
        if (settings == null) {
            return ExitCodes.INVALID_CONFIG;
        }
        if (settings.engine().cluster().enabled()) {
            try {
                io.maid.goose.app.cluster.ClusterWiring.settings(settings.engine().cluster(), null, null, null).validate();
            } catch (io.maid.goose.adapter.cluster.pekko.ClusterSettingsException e) {
                System.err.println("goose serve: " + e.getMessage());
                return ExitCodes.INVALID_CONFIG;
            }
        }
        CountDownLatch shutdown = new CountDownLatch(1);
        try (ServiceRuntime service = ServiceRuntime.start(settings, List.of(), System.out);
             SignalStopper ignored = new SignalStopper(shutdown::countDown, service::shutdownNotice, System.err)) {
            System.out.println("goose serve: listening on " + service.baseUrl());
            System.out.println("goose serve: runs may target " + service.allowedTargets().describe()
                    + (settings.security().allowedTargetsSet() ? " (security.allowed_targets)"
                    : " (the built-in default; set security.allowed_targets to change it, [\"*\"] for any host)"));
            System.out.println("goose serve: dashboard at " + service.dashboardUrl());
            if (service.clusterAddress() != null) {
                System.out.println("goose serve: cluster coordinator at " + service.clusterAddress()
                        + "; start workers with  goose worker --cluster " + service.clusterAddress());
            }
            System.out.println("goose serve: authenticate with 'x-api-key: <key>' or 'Authorization: Bearer <JWT>';"
                    + " scopes read:loadtests and write:loadtests");
            System.out.println("goose serve: try  curl -H 'x-api-key: <key>' " + service.baseUrl() + "/status");
            shutdown.await();
            System.out.println("goose serve: " + service.shutdownNotice());
        }
        return ExitCodes.OK;
    }
}
