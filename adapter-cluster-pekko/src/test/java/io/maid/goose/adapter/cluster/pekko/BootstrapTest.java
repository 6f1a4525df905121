package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pekko Management's cluster bootstrap for real: a coordinator and two workers in this JVM on 127.0.0.1, without seed
 * nodes, find each other through Pekko's {@code config} discovery (the lookup Kubernetes discovery replaces), form one
 * cluster, and run a distributed run; each node's management endpoint answers the health checks.
 */
@Timeout(180)
class BootstrapTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void threeNodesWithoutSeedNodesFormOneClusterThroughTheBootstrapAndRunARun() throws Exception {
        int[] management = {freePort(), freePort(), freePort()};
        List<String> endpoints = List.of("127.0.0.1:" + management[0], "127.0.0.1:" + management[1],
                "127.0.0.1:" + management[2]);
        List<AutoCloseable> nodes = new ArrayList<>();
        try (CountingTarget target = new CountingTarget()) {
            ClusterLoadTestEngine coordinator = new ClusterLoadTestEngine(InProcessClusterTest.loopback(List.of())
                    .withDiscovery(Discovery.config(management[0], 3, endpoints)), new HdrSampleMath(),
                    new FakeRunConfigCodec(), new RealClock());
            nodes.add(coordinator);
            HttpSegmentRunner runner = new HttpSegmentRunner();
            for (int i = 1; i < 3; i++) {
                nodes.add(WorkerNode.start(InProcessClusterTest.loopback(List.of())
                        .withDiscovery(Discovery.config(management[i], 3, endpoints)), runner, new FakeRunConfigCodec(),
                        new RealClock()));
            }

            Await.until(() -> coordinator.workers().size() == 2, Duration.ofSeconds(120),
                    () -> "both workers join through the bootstrap: " + coordinator.workers());
            for (int port : management) {
                Await.until(() -> status(port, "/ready") == 200, Duration.ofSeconds(60), "node at " + port + " is ready");
                assertEquals(200, status(port, "/alive"));
            }
            RunSummary summary = coordinator.start(StartRunCommand.of(RunConfig.builder(target.baseUrl()).users(4)
                    .hatchRate(20).durationSeconds(1).thinkTimeSeconds(0.02).get("home", "/")
                    .distribution(Distribution.workers(2)).build())).await(Duration.ofSeconds(60)).orElseThrow();

            assertEquals(RunState.COMPLETED, summary.state(), summary.failureReason());
            assertTrue(summary.total().count() > 0);
            assertEquals(target.requests(), summary.total().count(), "the target's own count");
        } finally {
            for (AutoCloseable n : nodes.reversed()) {
                n.close();
            }
        }
    }

    @Test
    void aNodeIsNotReadyBeforeItHasJoined() throws Exception {
        int port = freePort();
        // it waits for a second contact point that never comes, so it never forms a cluster
        try (WorkerNode lonely = WorkerNode.start(InProcessClusterTest.loopback(List.of())
                .withDiscovery(Discovery.config(port, 2, List.of("127.0.0.1:" + port, "127.0.0.1:" + freePort()))),
                new HttpSegmentRunner(), new FakeRunConfigCodec(), new RealClock())) {
            Await.until(() -> status(port, "/alive") == 200, Duration.ofSeconds(60), "management answers");

            assertEquals(500, status(port, "/ready"));
            assertTrue(!lonely.isUp());
        }
    }
}
