package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a worker does when its coordinator dies: it stops its segment within the shutdown grace. */
@Timeout(300)
class FaultTest {
    @TempDir
    Path dir;

    @Test
    void aCoordinatorKilledMidRunMakesItsWorkersStopTheirSegments() {
        HttpSegmentRunner runner = new HttpSegmentRunner();
        try (CountingTarget target = new CountingTarget();
             ChildJvm coordinator = new ChildJvm(CoordinatorProcessMain.class, dir.resolve("coordinator.log"),
                     InProcessClusterTest.SECRET, target.baseUrl())) {
            Await.until(() -> coordinator.first("UP") != null || !coordinator.alive(), Duration.ofSeconds(180),
                    "the coordinator JVM is up");
            try (WorkerNode worker = WorkerNode.start(InProcessClusterTest.loopback(List.of(coordinator.first("UP"))),
                    runner, new FakeRunConfigCodec(), new RealClock())) {
                Await.until(() -> coordinator.first("RUNNING") != null, Duration.ofSeconds(120), "the run starts");
                String runId = coordinator.first("RUNNING");
                Await.until(() -> runner.recorded.containsKey(runId) && target.requests() > 0, Duration.ofSeconds(60),
                        "the worker sends requests");

                coordinator.kill();

                // detection (a few seconds of missed heartbeats) plus the segment's shutdown grace (3 s), with room
                Await.until(() -> runner.ended.contains(runId), Duration.ofSeconds(45), "the worker stops its segment");
                long after = target.requests();
                assertTrue(runner.recorded.get(runId).getTotalCount() <= after, "nothing is sent after the end");
            }
        }
    }
}
