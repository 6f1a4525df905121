package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator whose own node is downed mid-run (as the split-brain resolver downs the side it takes for
 * unreachable) fails the run at once, saying why, instead of waiting out the run's deadline for workers it can no
 * longer hear; its worker, which lost its coordinator, stops its segment; and no run starts on the node any more.
 */
@Timeout(180)
class CoordinatorDownedTest {
    @Test
    void aDownedCoordinatorFailsItsRunAtOnceAndStartsNoOther() throws Exception {
        HttpSegmentRunner runner = new HttpSegmentRunner();
        try (CountingTarget target = new CountingTarget();
             ClusterLoadTestEngine coordinator = new ClusterLoadTestEngine(InProcessClusterTest.loopback(List.of()),
                     new HdrSampleMath(), new FakeRunConfigCodec(), new RealClock());
             WorkerNode worker = WorkerNode.start(InProcessClusterTest.loopback(List.of(coordinator.address())), runner,
                     new FakeRunConfigCodec(), new RealClock())) {
            Await.until(() -> coordinator.workers().size() == 1, Duration.ofSeconds(60), () -> "workers " + coordinator.workers());
            // 600 s of maintain: its deadline is over 11 minutes away, far past this test's timeout
            RunConfig tenMinutes = RunConfig.builder(target.baseUrl()).users(2).hatchRate(20).durationSeconds(600)
                    .thinkTimeSeconds(0.02).get("home", "/").build();
            RunHandle run = coordinator.start(StartRunCommand.of(tenMinutes));
            Await.until(() -> runner.recorded.containsKey(run.runId()) && coordinator.status().elapsedSeconds() >= 1,
                    Duration.ofSeconds(60), "the worker runs its segment");

            coordinator.downSelf();

            RunSummary failed = run.await(Duration.ofSeconds(30)).orElseThrow(
                    () -> new AssertionError("the run did not end within 30 s of its coordinator being downed"));
            assertEquals(RunState.FAILED, failed.state());
            assertNotNull(failed.failureReason());
            assertTrue(failed.failureReason().contains("coordinator's cluster node " + coordinator.address() + " stopped"),
                    failed.failureReason());
            assertTrue(failed.durationSeconds() < 60, "ended long before its deadline: " + failed.durationSeconds() + " s");

            WorkersUnavailableException refused = assertThrows(WorkersUnavailableException.class,
                    () -> coordinator.start(StartRunCommand.of(tenMinutes)));
            assertTrue(refused.getMessage().contains("start a new coordinator"), refused.getMessage());

            // the worker saw its coordinator go: it stops the segment within the shutdown grace
            Await.until(() -> runner.ended.contains(run.runId()), Duration.ofSeconds(45), "the worker stops its segment");
        }
    }
}
