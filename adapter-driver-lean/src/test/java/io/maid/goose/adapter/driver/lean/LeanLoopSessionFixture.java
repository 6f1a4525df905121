package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the loop-session tests share: one lean loop transport with one loop, a driver for it, and the raw targets a
 * test makes (closed after it), each counting the requests and connections it sees.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class LeanLoopSessionFixture {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");
    static final Duration WAIT = Duration.ofSeconds(10);

    final LeanLoopTransport transport = new LeanLoopTransport(1);
    final EventLoop loop = transport.eventLoops().get(0);
    final LoopDriver driver = new LoopDriver(loop);
    final List<AutoCloseable> targets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        transport.close();
        for (AutoCloseable target : targets) {
            target.close();
        }
    }

    CountingTarget target(String reply, int perConnection) throws IOException {
        CountingTarget target = new CountingTarget(reply, perConnection);
        targets.add(target);
        return target;
    }

    CountingTarget target(CountingTarget.Reply reply, int perConnection) throws IOException {
        CountingTarget target = new CountingTarget(reply, perConnection);
        targets.add(target);
        return target;
    }

    /** Sends {@code count} requests one after another, each from the previous one's done, as the engine does. */
    List<RequestOutcome> chain(LoopSession session, RequestSpec spec, int count, Consumer<RequestOutcome> each)
            throws Exception {
        return chain(session, i -> spec, SendOptions.STATIC, count, each);
    }

    /** As {@link #chain(LoopSession, RequestSpec, int, Consumer)}, the {@code i}-th request being {@code specs(i)}. */
    List<RequestOutcome> chain(LoopSession session, IntFunction<RequestSpec> specs, SendOptions options, int count,
                               Consumer<RequestOutcome> each) throws Exception {
        RequestOutcome[] outcomes = new RequestOutcome[count]; // no allocation per request on the loop
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Consumer<RequestOutcome> done = new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                each.accept(o);
                outcomes[n++] = o;
                if (n == count) {
                    finished.complete(null);
                } else {
                    session.send(specs.apply(n), options, this);
                }
            }
        };
        loop.execute(() -> session.send(specs.apply(0), options, done));
        LoopDriver.get(finished);
        return List.of(outcomes);
    }

    void awaitQuiet() throws Exception {
        driver.onLoop(() -> true);
    }

    static void assertAnswered(RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "outcome " + outcome);
        assertEquals(200, outcome.status(), () -> "outcome " + outcome);
    }
}
