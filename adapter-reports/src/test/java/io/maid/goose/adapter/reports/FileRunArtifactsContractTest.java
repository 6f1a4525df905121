package io.maid.goose.adapter.reports;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.RunArtifacts;
import io.maid.goose.testkit.RunArtifactsContract;
import io.maid.goose.testkit.SampleRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FileRunArtifactsContractTest extends RunArtifactsContract {
    private static final List<String> ORDER = List.of("report.json", "report.csv", "timeline.csv", "report.html");

    @TempDir
    Path root;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> frozen = new ArrayList<>();

    @Override
    protected RunArtifacts newArtifacts() {
        return new FileRunArtifacts(root, SampleRuns.CODEC);
    }

    /**
     * Writes on a thread whose writer freezes with the next file complete on disk under its temporary name,
     * just before the rename: what a kill -9 at that moment leaves. The thread stays frozen until the test ends.
     */
    @Override
    protected void crashWhileWriting(RunArtifacts artifacts, RunSummary summary, String lastCompleteFile)
            throws InterruptedException {
        String next = ORDER.get(ORDER.indexOf(lastCompleteFile) + 1);
        CountDownLatch reached = new CountDownLatch(1);
        FileRunArtifacts writer = new FileRunArtifacts(root, SampleRuns.CODEC, (temp, name) -> {
            if (name.equals(next)) {
                reached.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the process was killed");
            }
        });
        frozen.add(Thread.ofPlatform().daemon().start(() -> {
            try {
                writer.write(summary, null);
            } catch (RuntimeException expected) {
                // the frozen process never finishes
            }
        }));
        assertTrue(reached.await(30, TimeUnit.SECONDS), "the writer reached " + next);
    }

    @Override
    protected RunArtifacts restarted(RunArtifacts crashed) {
        return new FileRunArtifacts(root, SampleRuns.CODEC);
    }

    @AfterEach
    void thawFrozenWriters() throws InterruptedException {
        release.countDown();
        for (Thread t : frozen) {
            t.join(30_000);
        }
    }
}
