package io.maid.goose.adapter.cluster.pekko;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.in.RunHandle;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A started distributed run, as the run use cases hand it out. */
record ClusterRunHandle(ClusterRun run) implements RunHandle {
    @Override
    public String runId() {
        return run.runId();
    }

    @Override
    public Instant startedAt() {
        return run.startedAt();
    }

    @Override
    public CompletableFuture<RunSummary> completion() {
        return run.completion();
    }
}
