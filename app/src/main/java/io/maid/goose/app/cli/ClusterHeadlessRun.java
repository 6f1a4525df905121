package io.maid.goose.app.cli;

import io.maid.goose.adapter.cluster.pekko.ClusterLoadTestEngine;
import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.app.cluster.ClusterWiring;
import io.maid.goose.domain.RunConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code goose run --cluster}: this process is the coordinator of a cluster; the run goes to the workers that join
 * it ({@code goose worker --cluster <this node>}), with the same progress, summary and reports as a local run.
 */
final class ClusterHeadlessRun {
    /** Without a worker count, the run starts once this long has passed with no new worker joining. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private ClusterHeadlessRun() {
    }

    /**
     * @param waitForWorkers how long to wait for the workers the run needs ({@code distribution.workers}, else at
     *                       least one)
     * @return the result, or null after printing that too few workers joined in time
     */
    static HeadlessRun.Result execute(RunConfig asWritten, RunConfig config, Path configFile, ClusterSettings settings,
                                      Duration waitForWorkers, HeadlessRun.Storage storage, int width, PrintStream out,
                                      PrintStream err) throws InterruptedException {
        try (ClusterLoadTestEngine coordinator = ClusterWiring.coordinator(settings);
             ConsoleProgress progress = new ConsoleProgress(out, width)) {
            Integer wanted = config.distribution() == null ? null : config.distribution().workers();
            err.println("goose run: coordinator node at " + coordinator.address() + "; waiting up to "
                    + waitForWorkers.toSeconds() + " s for " + (wanted == null ? "workers" : wanted + " worker(s)")
                    + " (start them with: goose worker --cluster " + coordinator.address() + ")");
            if (!awaitWorkers(coordinator, wanted, waitForWorkers)) {
                err.println("goose run: " + coordinator.workers().size() + " worker(s) joined within "
                        + waitForWorkers.toSeconds() + " s, the run needs " + (wanted == null ? 1 : wanted)
                        + "; joined: " + coordinator.workers());
                return null;
            }
            err.println("goose run: running on " + coordinator.workers().size() + " worker(s): " + coordinator.workers());
            coordinator.subscribe(progress::publish);
            return HeadlessRun.follow(coordinator, progress, asWritten, config, configFile, storage, width, out, err);
        }
    }

    private static boolean awaitWorkers(ClusterLoadTestEngine coordinator, Integer wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> seen = List.of();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<String> now = coordinator.workers();
            if (!now.equals(seen)) {
                seen = now;
                stableSince = System.nanoTime();
            }
            if (wanted != null ? now.size() >= wanted
                    : !now.isEmpty() && System.nanoTime() - stableSince >= SETTLE.toNanos()) {
                return true;
            }
            LockSupport.parkNanos(100_000_000);
        }
        return false;
    }
}
