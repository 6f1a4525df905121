package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator and two workers as nodes of one real Pekko cluster in this JVM (loopback, real sockets), running real
 * HTTP load against a counting target.
 */
@Timeout(180)
class InProcessClusterTest {
    static final String SECRET = CommandVerifierTest.SECRET;
    private static CountingTarget target;
    private static ClusterLoadTestEngine coordinator;
    private static final HttpSegmentRunner runnerA = new HttpSegmentRunner();
    private static final HttpSegmentRunner runnerB = new HttpSegmentRunner();
    private static WorkerNode workerA;
    private static WorkerNode workerB;
    private static RunSummary completed;

    static ClusterSettings loopback(List<String> seeds) {
        return ClusterSettings.loopback(0, seeds, SECRET);
    }

    @BeforeAll
    static void cluster() throws InterruptedException {
        target = new CountingTarget();
        coordinator = new ClusterLoadTestEngine(loopback(List.of()), new HdrSampleMath(), new FakeRunConfigCodec(), new RealClock());
        List<String> seed = List.of(coordinator.address());
        workerA = WorkerNode.start(loopback(seed), runnerA, new FakeRunConfigCodec(), new RealClock());
        workerB = WorkerNode.start(loopback(seed), runnerB, new FakeRunConfigCodec(), new RealClock());
        Await.until(() -> coordinator.workers().size() == 2, Duration.ofSeconds(60), () -> "workers " + coordinator.workers());
        RunHandle run = coordinator.start(StartRunCommand.of(config(6, 2)));
        completed = run.await(Duration.ofSeconds(60)).orElseThrow();
    }

    static RunConfig config(int users, int workers) {
        return RunConfig.builder(target.baseUrl()).users(users).hatchRate(20).durationSeconds(2).thinkTimeSeconds(0.02)
                .get("home", "/").distribution(Distribution.workers(workers)).build();
    }

    @AfterAll
    static void down() {
        for (AutoCloseable c : new AutoCloseable[] {workerA, workerB, coordinator, target}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void theMergedRequestCountIsTheTargetsOwnCount() {
        assertEquals(RunState.COMPLETED, completed.state());
        assertTrue(completed.total().count() > 0);
        assertEquals(target.requests(), completed.total().count());
    }

    @Test
    void theMergedPercentilesAreThoseOfTheUnionOfTheWorkersRawHistograms() {
        Histogram union = HdrSampleMath.histogram();
        union.add(runnerA.recorded.get(completed.runId()));
        union.add(runnerB.recorded.get(completed.runId()));

        assertEquals(union.getTotalCount(), completed.total().count());
        assertEquals(HdrSampleMath.ms(union, 50), completed.total().latency().p50Ms());
        assertEquals(HdrSampleMath.ms(union, 99), completed.total().latency().p99Ms());
    }

    @Test
    void bothWorkersRanTheirShare() {
        assertEquals(2, runnerA.recorded.containsKey(completed.runId()) && runnerB.recorded.containsKey(completed.runId()) ? 2 : 0);
        assertTrue(runnerA.recorded.get(completed.runId()).getTotalCount() > 0);
        assertTrue(runnerB.recorded.get(completed.runId()).getTotalCount() > 0);
    }

    @Test
    void theTimelineHasOneMergedSnapshotPerSecond() {
        assertTrue(completed.timeline().size() >= 2, "timeline " + completed.timeline().size());
        assertEquals(completed.total().count(), completed.timeline().stream().mapToLong(s -> s.requests()).sum());
    }

    @Test
    void aRunNeedingMoreWorkersThanHaveJoinedIsRefusedWithTheCounts() {
        WorkersUnavailableException e = assertThrows(WorkersUnavailableException.class,
                () -> coordinator.start(StartRunCommand.of(config(6, 3))));

        assertEquals(3, e.requested());
        assertEquals(2, e.available());
    }
}
