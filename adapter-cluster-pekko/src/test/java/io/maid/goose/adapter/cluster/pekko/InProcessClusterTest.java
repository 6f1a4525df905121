package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.adapter.cluster.pekko.protocol.SignedCommand;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.LogCapture;
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
    private static long targetCountAfterIt;

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
        targetCountAfterIt = target.requests();
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
        assertEquals(targetCountAfterIt, completed.total().count());
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
    void eachWorkerIsToldItsPlaceInTheRunSoItsUsersAreNumberedInTheWholeRun() {
        assertEquals(java.util.Set.of(new StartRunCommand.Segment(0, 2), new StartRunCommand.Segment(1, 2)),
                java.util.Set.of(runnerA.parts.get(completed.runId()), runnerB.parts.get(completed.runId())));
    }

    @Test
    void theSummaryListsEachWorkersShareOfUsersAndRequests() {
        assertEquals(List.of(3, 3), completed.workers().stream().map(w -> w.users()).toList());
        assertEquals(completed.total().count(), completed.workers().stream().mapToLong(w -> w.requests()).sum());
        assertTrue(completed.workers().stream().noneMatch(w -> w.lost()));
    }

    @Test
    void theTimelineHasOneMergedSnapshotPerSecond() {
        assertTrue(completed.timeline().size() >= 2, "timeline " + completed.timeline().size());
        assertEquals(completed.total().count(), completed.timeline().stream().mapToLong(s -> s.requests()).sum());
    }

    @Test
    void aWorkerWithTheWrongSecretRunsNothing() throws Exception {
        HttpSegmentRunner wrongRunner = new HttpSegmentRunner();
        long before = target.requests();
        try (WorkerNode wrong = WorkerNode.start(ClusterSettings.loopback(0, List.of(coordinator.address()),
                "a-different-secret-of-at-least-32-bytes"), wrongRunner, new FakeRunConfigCodec(), new RealClock())) {
            Await.until(() -> coordinator.workers().size() == 3, Duration.ofSeconds(60), "the third worker joins");

            WorkersUnavailableException e = assertThrows(WorkersUnavailableException.class,
                    () -> coordinator.start(StartRunCommand.of(config(6, 3))));

            assertTrue(e.getMessage().contains(wrong.address() + "=wrong signature"), e.getMessage());
            assertEquals(2, e.available());
            assertTrue(wrongRunner.recorded.isEmpty());
        }
        Await.until(() -> coordinator.workers().size() == 2, Duration.ofSeconds(60), "the third worker leaves");
        assertEquals(before, target.requests(), "no worker ran anything");
    }

    @Test
    void aReplayedCommandIsRefusedAndLoggedOnceByTheWorker() {
        try (LogCapture workerLog = new LogCapture(WorkerActor.class.getName());
             LogCapture coordinatorLog = new LogCapture(ClusterLoadTestEngine.class.getName())) {
            SignedCommand once = coordinator.signer().sign(SignedCommand.START, "00000000-0000-0000-0000-000000000001", "{}");
            String worker = coordinator.workers().get(0);
            for (int i = 0; i < 3; i++) {
                coordinator.send(worker, once);
            }

            // the capture sees every logger: the coordinator's lines say "refused the", the worker's "refused a"
            Await.until(() -> coordinatorLog.lines().stream().filter(l -> l.contains("refused the 'start'")
                    && l.contains("replayed")).count() == 2, Duration.ofSeconds(30), () -> "two replays refused: " + coordinatorLog.lines());
            assertEquals(1, workerLog.lines().stream().filter(l -> l.contains("refused a 'start'") && l.contains("replayed"))
                    .count(), workerLog.lines().toString());
        }
    }

    @Test
    void stopReachesEveryWorker() throws InterruptedException {
        long before = target.requests();
        RunHandle run = coordinator.start(StartRunCommand.of(RunConfig.builder(target.baseUrl()).users(4).hatchRate(20)
                .durationSeconds(600).thinkTimeSeconds(0.02).get("home", "/").build()));
        Await.until(() -> runnerA.recorded.containsKey(run.runId()) && runnerB.recorded.containsKey(run.runId())
                && coordinator.status().elapsedSeconds() >= 1, Duration.ofSeconds(60), "both workers run");

        assertTrue(coordinator.stop());

        RunSummary stopped = run.await(Duration.ofSeconds(60)).orElseThrow();
        assertEquals(RunState.CANCELLED, stopped.state());
        assertEquals(target.requests() - before, stopped.total().count());
    }

    @Test
    void aRunNeedingMoreWorkersThanHaveJoinedIsRefusedWithTheCounts() {
        WorkersUnavailableException e = assertThrows(WorkersUnavailableException.class,
                () -> coordinator.start(StartRunCommand.of(config(6, 3))));

        assertEquals(3, e.requested());
        assertEquals(2, e.available());
    }
}
