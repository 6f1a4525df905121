package io.maid.goose.ports.in;

import io.maid.goose.domain.RunSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A started run. {@link #completion()} completes exactly once, with the final summary, whether the run
 * completed, was cancelled or failed; it never completes exceptionally.
 */
public interface RunHandle {
    String runId();

    Instant startedAt();

    CompletableFuture<RunSummary> completion();

    /** Blocks until the run ends. */
    default RunSummary await() throws InterruptedException {
        try {
            return completion().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("run " + runId() + " ended abnormally", e.getCause());
        }
    }

    /** Blocks until the run ends or {@code timeout} passes. */
    default Optional<RunSummary> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(completion().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("run " + runId() + " ended abnormally", e.getCause());
        }
    }
}
