package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.FakeRunConfigCodec;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A coordinator JVM for the process tests: {@code CoordinatorProcessMain SECRET TARGET_URL}. It prints
 * {@code UP host:port}, waits for one worker, starts a long run against TARGET_URL and prints {@code RUNNING runId};
 * then it only waits, to be killed. It exits when its standard input closes.
 */
public final class CoordinatorProcessMain {
    private CoordinatorProcessMain() {
    }

    public static void main(String[] args) {
        ClusterLoadTestEngine coordinator = new ClusterLoadTestEngine(ClusterSettings.loopback(0, List.of(), args[0]),
                new HdrSampleMath(), new FakeRunConfigCodec(), new RealClock());
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // EOF means the test JVM is gone
                }
            } catch (java.io.IOException ignored) {
                // same as EOF
            }
            Runtime.getRuntime().halt(3);
        });
        System.out.println("UP " + coordinator.address());
        while (coordinator.workers().isEmpty()) {
            LockSupport.parkNanos(50_000_000);
        }
        RunHandle run = coordinator.start(StartRunCommand.of(RunConfig.builder(args[1]).users(2).hatchRate(10)
                .durationSeconds(600).thinkTimeSeconds(0.05).requestTimeoutSeconds(3).get("home", "/").build()));
        System.out.println("RUNNING " + run.runId());
        while (true) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }
}
