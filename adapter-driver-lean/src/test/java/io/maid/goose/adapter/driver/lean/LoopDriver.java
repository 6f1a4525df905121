package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Drives one event loop from a test thread: runs calls on the loop and waits (bounded) for what they give. */
final class LoopDriver {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoop loop;

    LoopDriver(EventLoop loop) {
        this.loop = loop;
    }

    /** Opens a session for user 0 on the loop. */
    LoopSession open(URI base, Duration timeout) throws Exception {
        return onLoop(() -> loop.openSession(new SessionOptions(base, timeout, TlsSpec.defaults(), 0)));
    }

    /** Sends on the loop and waits for the outcome. */
    RequestOutcome send(LoopSession session, RequestSpec spec) throws Exception {
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        loop.execute(() -> session.send(spec, outcome::complete));
        return get(outcome);
    }

    /**
     * Sends on the loop without waiting; the returned {@link Watched} counts how often {@code done} ran and keeps
     * the last outcome, so a test can check that {@code done} runs exactly once.
     */
    Watched sendWatched(LoopSession session, RequestSpec spec) {
        Watched watched = new Watched(new AtomicInteger(), new AtomicReference<>());
        loop.execute(() -> session.send(spec, o -> {
            watched.calls().incrementAndGet();
            watched.outcome().set(o);
        }));
        return watched;
    }

    /** What {@code done} was given so far, and how many times it ran. */
    record Watched(AtomicInteger calls, AtomicReference<RequestOutcome> outcome) {
        boolean ended() {
            return outcome.get() != null;
        }
    }

    /** Runs {@code action} on the loop and returns its result (or rethrows what it threw). */
    <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return get(result);
    }

    static <T> T get(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
