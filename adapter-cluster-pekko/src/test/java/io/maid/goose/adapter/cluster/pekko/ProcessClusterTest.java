package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.domain.sample.EncodedHistogram;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three worker JVMs as real child processes, a coordinator in this JVM and a real HTTP target: the exact merge, then
 * a worker killed with SIGKILL mid-run (continue, then fail).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessClusterTest {
    private static final Duration DETECTION = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    private static CountingTarget target;
    private static ClusterLoadTestEngine coordinator;
    private static final List<ChildJvm> workers = new ArrayList<>();
    private static final List<LogEvent> logs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void cluster() {
        target = new CountingTarget();
        coordinator = new ClusterLoadTestEngine(InProcessClusterTest.loopback(List.of()), new HdrSampleMath(),
                new FakeRunConfigCodec(), new RealClock());
        coordinator.subscribe(e -> {
            if (e instanceof LogEvent l) {
                logs.add(l);
            }
        });
        for (int i = 0; i < 3; i++) {
            workers.add(new ChildJvm(WorkerProcessMain.class, dir.resolve("worker-" + i + ".log"), coordinator.address(),
                    InProcessClusterTest.SECRET, dir.toString()));
        }
        Await.until(() -> coordinator.workers().size() == 3, Duration.ofSeconds(180),
                () -> "3 worker JVMs join; joined " + coordinator.workers() + "; logs: " + stderr());
    }

    private static String stderr() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < workers.size(); i++) {
            try {
                b.append("\n[worker ").append(i).append("] ").append(Files.readString(dir.resolve("worker-" + i + ".log")));
            } catch (IOException e) {
                b.append(e);
            }
        }
        return b.toString();
    }

    @AfterAll
    static void down() {
        // the coordinator leaves first, while its workers can still see it go
        if (coordinator != null) {
            coordinator.close(Duration.ofSeconds(30));
        }
        workers.forEach(ChildJvm::close);
        if (target != null) {
            target.close();
        }
    }

    private static RunConfig twoSteps(int users, long seconds, Distribution d) {
        Scenario s = new Scenario("shopper", 1, List.of(Transaction.of("login", RequestSpec.of(HttpMethod.GET, "/login")),
                Transaction.of("browse", RequestSpec.of(HttpMethod.GET, "/browse"))));
        return RunConfig.builder(target.baseUrl()).users(users).hatchRate(30).durationSeconds(seconds).thinkTimeSeconds(0.02)
                .requestTimeoutSeconds(5).scenario(s).distribution(d).build();
    }

    private static String worker(int i) {
        return workers.get(i).first("UP");
    }

    @Test
    @Order(1)
    void threeWorkerJvmsRunOneRunWhoseMergeIsExact() throws Exception {
        long before = target.requests();
        RunSummary summary = coordinator.start(StartRunCommand.of(twoSteps(9, 3, Distribution.workers(3))))
                .await(Duration.ofSeconds(90)).orElseThrow();

        assertEquals(RunState.COMPLETED, summary.state());
        assertEquals(target.requests() - before, summary.total().count(), "the target's count is the merged count");
        Histogram union = HdrSampleMath.histogram();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(summary.runId() + ".hdr")).toList()) {
                union.add(HdrSampleMath.decode(EncodedHistogram.ofBase64(Files.readString(f))));
            }
        }
        assertEquals(summary.total().count(), union.getTotalCount());
        assertEquals(HdrSampleMath.ms(union, 50), summary.total().latency().p50Ms());
        assertEquals(HdrSampleMath.ms(union, 99), summary.total().latency().p99Ms());
        assertEquals(2, summary.requests().size(), "both transactions' keys");
    }

    @Test
    @Order(2)
    void aWorkerKilledMidRunIsReportedLostAndTheRunCompletesWithTheOthers() throws Exception {
        RunHandle run = coordinator.start(StartRunCommand.of(twoSteps(6, 8, Distribution.workers(3))));
        Await.until(() -> coordinator.currentRun().requestsByWorker().values().stream().allMatch(n -> n > 0)
                && coordinator.status().elapsedSeconds() >= 2, Duration.ofSeconds(60), "every worker has sent samples");
        String victim = worker(2);

        workers.get(2).kill();
        long killed = System.nanoTime();

        Await.until(() -> !coordinator.currentRun().losses().isEmpty(), DETECTION, "the loss is detected");
        Duration detectedAfter = Duration.ofNanos(System.nanoTime() - killed);
        ClusterRun.WorkerLoss loss = coordinator.currentRun().losses().get(0);
        assertEquals(victim, loss.worker());
        assertTrue(loss.fromSecond() >= 2, "lost from second " + loss.fromSecond());
        Await.until(() -> logs.stream().anyMatch(l -> l.runId().equals(run.runId()) && l.message().startsWith("worker "
                + victim + " lost at second " + loss.fromSecond())), Duration.ofSeconds(10), "a log line warns");
        RunSummary summary = run.await(Duration.ofSeconds(90)).orElseThrow();
        assertEquals(RunState.COMPLETED, summary.state(), summary.failureReason());
        assertTrue(detectedAfter.compareTo(DETECTION) < 0, "detected after " + detectedAfter);
        WorkerShare recorded = summary.workers().stream().filter(w -> w.worker().equals(victim)).findFirst().orElseThrow();
        assertEquals(loss.fromSecond(), recorded.lostAtSecond(), "the run's record says when it was lost");
        assertEquals(2, summary.workers().stream().filter(w -> !w.lost()).count());
        assertTrue(logs.stream().anyMatch(l -> l.runId().equals(run.runId()) && l.message().contains(victim
                + " 2 users") && l.message().contains("lost at second " + loss.fromSecond())), "the shares name the loss");
    }

    @Test
    @Order(3)
    void underTheFailPolicyALostWorkerStopsTheRunAndFailsIt() throws Exception {
        coordinator.stop(); // in case the test before left its run going
        Await.until(() -> !coordinator.status().active(), Duration.ofSeconds(60), "no run is active");
        Await.until(() -> coordinator.workers().size() == 2, Duration.ofSeconds(60), "the killed worker is gone");
        RunHandle run = coordinator.start(StartRunCommand.of(twoSteps(4, 60,
                new Distribution(2, Distribution.OnWorkerLost.FAIL))));
        Await.until(() -> coordinator.currentRun().requestsByWorker().values().stream().allMatch(n -> n > 0),
                Duration.ofSeconds(60), "both workers have sent samples");
        String victim = worker(1);

        workers.get(1).kill();

        RunSummary summary = run.await(DETECTION.plus(Duration.ofSeconds(30))).orElseThrow();
        assertEquals(RunState.FAILED, summary.state());
        assertTrue(summary.failureReason().startsWith("worker " + victim + " was lost at second "), summary.failureReason());
        Await.until(() -> workers.get(0).printed("ENDED " + run.runId() + " cancelled"), Duration.ofSeconds(30),
                "the other worker stopped its segment");
    }
}
