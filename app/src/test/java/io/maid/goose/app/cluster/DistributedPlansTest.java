package io.maid.goose.app.cluster;

import io.maid.goose.adapter.cluster.pekko.ClusterLoadTestEngine;
import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.adapter.cluster.pekko.WorkerNode;
import io.maid.goose.app.Composition;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.LoadPlan;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.WorkerShare;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Staged and open plans split over two workers, each a cluster node in this JVM with the product's own engine and lean
 * transport, against a real local target: the merged counts are the target's, and the open model's arrivals are the
 * whole plan's.
 */
@Timeout(240)
class DistributedPlansTest {
    private static final String SECRET = "a-cluster-secret-of-at-least-32-bytes-long";
    private static final List<AutoCloseable> open = new ArrayList<>();
    private static FakeHttpServer target;
    private static ClusterLoadTestEngine coordinator;

    @BeforeAll
    static void cluster() throws Exception {
        target = new FakeHttpServer().on("/", FakeHttpServer.Reply.json(200, "{}"));
        coordinator = ClusterWiring.coordinator(ClusterSettings.loopback(0, List.of(), SECRET));
        for (int i = 0; i < 2; i++) {
            LoadTransport transport = Composition.transport(new Settings.Engine("lean", 1));
            open.add(transport);
            open.add(ClusterWiring.worker(ClusterSettings.loopback(0, List.of(coordinator.address()), SECRET),
                    Composition.engine(transport, TargetAllowList.anyHost())));
        }
        Await.until(() -> coordinator.workers().size() == 2, Duration.ofSeconds(60), "two workers join");
    }

    @AfterAll
    static void down() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            if (c instanceof WorkerNode) {
                c.close();
            }
        }
        coordinator.close();
        for (AutoCloseable c : open) {
            if (!(c instanceof WorkerNode)) {
                c.close();
            }
        }
        target.close();
    }

    private static RunSummary run(RunConfig.Builder config) throws InterruptedException {
        int before = target.requests().size();
        RunSummary s = coordinator.start(StartRunCommand.of(config.get("home", "/").requestTimeoutSeconds(5)
                .distribution(Distribution.workers(2)).build())).await(Duration.ofSeconds(120)).orElseThrow();
        assertEquals(RunState.COMPLETED, s.state(), s.failureReason());
        assertEquals(target.requests().size() - before, s.total().count(), "the target's own count is the merged count");
        return s;
    }

    @Test
    void aStagedPlanRunsSplitOverTheWorkers() throws InterruptedException {
        RunSummary s = run(RunConfig.builder(target.uri().toString()).thinkTimeSeconds(0.05).load(new LoadPlan.Stages(
                List.of(new LoadPlan.Stage(5, 1), new LoadPlan.Stage(5, 2), new LoadPlan.Stage(0, 0)))));

        assertEquals(List.of(3, 2), s.workers().stream().map(WorkerShare::users).toList(), "5 users: 3 on worker 0, 2 on 1");
    }

    @Test
    void anOpenPlansArrivalsAreTheWholePlansAcrossTheWorkers() throws InterruptedException {
        // 0 -> 20/s over 2 s, then 20/s for 2 s: 20 + 40 arrivals
        RunSummary s = run(RunConfig.builder(target.uri().toString()).load(new LoadPlan.Arrival(0, List.of(
                new LoadPlan.RateStage(20, 2), new LoadPlan.RateStage(20, 2)), 2, 10)));

        long started = s.timeline().stream().mapToLong(MetricsSnapshot::startedIterations).sum();
        assertEquals(60, started + s.droppedIterations(), "every planned arrival started or was dropped, on one worker");
    }
}
