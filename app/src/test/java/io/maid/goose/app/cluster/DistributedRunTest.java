package io.maid.goose.app.cluster;

import io.maid.goose.adapter.cluster.pekko.ClusterLoadTestEngine;
import io.maid.goose.adapter.cluster.pekko.ClusterSettings;
import io.maid.goose.app.Composition;
import io.maid.goose.app.GooseMain;
import io.maid.goose.app.settings.Settings;
import io.maid.goose.domain.Distribution;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.domain.sample.KeySample;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.FakeHttpServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance of a distributed run end to end with the product's own parts: three {@code goose worker} JVMs (child
 * processes on this test's class path, each with its own engine and lean transport), a coordinator wired as
 * {@code goose serve} wires it, a real local target, and a flow (a login on start whose token later requests send):
 * the target's count equals the merged count, and the merged p50 and p99 equal those of the union of every worker's
 * raw per-second histograms.
 */
@Timeout(300)
class DistributedRunTest {
    private static final String SECRET = "a-cluster-secret-of-at-least-32-bytes-long";
    @TempDir
    Path dir;

    private static RunConfig loginFlow(String target) {
        Transaction login = Transaction.builder("login").post("/login").body("{\"user\":\"u{{$user}}\"}")
                .extractJson("token", "/token").checkStatus(200).build();
        Transaction profile = Transaction.builder("profile").get("/profile")
                .header("Authorization", "Bearer {{token}}").checkJsonEquals("/user", "alice").build();
        Scenario shopper = Scenario.builder("shopper").onStart(login).transaction(profile).build();
        return RunConfig.builder(target).users(9).hatchRate(30).durationSeconds(3).thinkTimeSeconds(0.02)
                .requestTimeoutSeconds(5).scenario(shopper).distribution(Distribution.workers(3)).build();
    }

    private static Histogram decode(byte[] bytes) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 1);
    }

    @Test
    void threeWorkerProcessesRunOneFlowAndTheMergeIsExact() throws Exception {
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"engine\": {\"cluster\": {\"secret\": \"" + SECRET + "\"}}}");
        List<Process> workers = new ArrayList<>();
        try (FakeHttpServer target = new FakeHttpServer()
                .on("/login", FakeHttpServer.Reply.json(200, "{\"token\":\"t-1\"}"))
                .on("/profile", FakeHttpServer.Reply.json(200, "{\"user\":\"alice\"}"));
             ClusterLoadTestEngine coordinator = ClusterWiring.coordinator(ClusterSettings.loopback(0, List.of(), SECRET))) {
            List<IntervalSample> raw = new CopyOnWriteArrayList<>();
            coordinator.observeWorkerSamples(raw::add);
            for (int i = 0; i < 3; i++) {
                workers.add(new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), GooseMain.class.getName(),
                        "worker", "--cluster", coordinator.address(), "--config", settings.toString(), "--event-loops", "1")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + i + ".log").toFile()).start());
            }
            Await.until(() -> coordinator.workers().size() == 3, Duration.ofSeconds(180), "3 goose worker processes join");

            RunSummary summary = coordinator.start(StartRunCommand.of(loginFlow(target.uri().toString())))
                    .await(Duration.ofSeconds(120)).orElseThrow();

            assertEquals(RunState.COMPLETED, summary.state(), summary.failureReason());
            assertEquals(target.requests().size(), summary.total().count(), "the target's count is the merged count");
            assertTrue(target.requests("/login").size() == 9, "each of the 9 users logged in once");
            assertEquals(java.util.stream.IntStream.range(0, 9).mapToObj(i -> "{\"user\":\"u" + i + "\"}")
                            .collect(java.util.stream.Collectors.toSet()),
                    target.requests("/login").stream().map(FakeHttpServer.Recorded::body)
                            .collect(java.util.stream.Collectors.toSet()),
                    "{{$user}} is the user's index in the whole run: 0..8 across the three workers, none twice");
            Histogram union = new Histogram(1, 3_600_000_000L, 3);
            for (IntervalSample s : raw) {
                for (KeySample k : s.keys()) {
                    if (!k.ok().isEmpty()) {
                        union.add(decode(k.ok().bytes()));
                    }
                }
            }
            assertEquals(union.getValueAtPercentile(50) / 1000.0, summary.total().latency().p50Ms());
            assertEquals(union.getValueAtPercentile(99) / 1000.0, summary.total().latency().p99Ms());
            assertEquals(3, raw.stream().map(IntervalSample::source).distinct().count(), "all three workers sent samples");
        } finally {
            workers.forEach(Process::destroyForcibly);
        }
    }
}
