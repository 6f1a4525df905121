package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.sample.IntervalSample;
import io.maid.goose.testkit.FakeRunConfigCodec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A worker JVM for the process tests: {@code WorkerProcessMain SEED SECRET DIR}. It joins SEED, runs segments with
 * {@link HttpSegmentRunner}, writes each segment's raw histogram to {@code DIR/<port>-<runId>.hdr} before reporting
 * its end, and prints {@code UP host:port} once it is a member and {@code ENDED runId state} after each segment. It
 * exits when its standard input closes (the test JVM went away), so no worker outlives its test.
 */
public final class WorkerProcessMain {
    private WorkerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[2]);
        HttpSegmentRunner http = new HttpSegmentRunner();
        String[] self = new String[1];
        SegmentRunner writing = (runId, segment, part, listener) -> http.start(runId, segment, part, new SegmentRunner.Listener() {
            @Override
            public void sample(IntervalSample sample) {
                listener.sample(sample);
            }

            @Override
            public void log(LogEvent event) {
                listener.log(event);
            }

            @Override
            public void ended(RunSummary summary) {
                try {
                    Files.writeString(dir.resolve(self[0].replace(':', '_') + "-" + runId + ".hdr"),
                            HdrSampleMath.encode(http.recorded.get(runId)).base64());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                listener.ended(summary);
                System.out.println("ENDED " + runId + " " + summary.state().wireName());
            }
        });
        ClusterSettings settings = ClusterSettings.loopback(0, List.of(args[0]), args[1]);
        WorkerNode node = WorkerNode.start(settings, writing, new FakeRunConfigCodec(), new RealClock());
        self[0] = node.address();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (java.io.IOException ignored) {
                // same as EOF
            }
            Runtime.getRuntime().halt(3);
        });
        while (!node.isUp()) {
            if (node.terminated().isDone()) {
                System.exit(2);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        System.out.println("UP " + node.address());
        node.terminated().get();
        System.exit(0);
    }

}
