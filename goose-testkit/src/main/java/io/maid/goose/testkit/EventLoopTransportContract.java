package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link EventLoopTransport} must show on top of {@link TransportContract} (which checks
 * the HTTP side through the blocking API): how its loops run tasks and timers (the {@link EventLoopTasksContract}
 * it extends), and how a {@link LoopSession} reports outcomes (here). Subclass it once per event-loop transport,
 * real or fake; the fixture and its hooks are in {@link EventLoopTransportSupport}.
 *
 * <p>The target is a JDK HTTP server on 127.0.0.1 that answers {@code GET /ok} with 200 and counts it,
 * and never answers {@code GET /hang} until the class is done. A fake that does not send to the network
 * must behave the same for those two paths and say through {@link #requestsReceived()} how many
 * {@code /ok} requests reached it; a fake whose timers run on a manual clock moves it in
 * {@link #advanceLoopTime} and reads it in {@link #loopNanos()}.
 */
public abstract class EventLoopTransportContract extends EventLoopTasksContract {
    @Test
    void doneRunsOnceOnTheLoopAfterSendReturned() {
        EventLoop loop = loop();
        AtomicBoolean sendReturned = new AtomicBoolean();
        AtomicBoolean sawSendReturned = new AtomicBoolean();
        AtomicBoolean doneInLoop = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<RequestOutcome> outcome = new AtomicReference<>();
        loop.execute(() -> {
            LoopSession session = open(loop, 0);
            session.send(OK, o -> {
                sawSendReturned.set(sendReturned.get());
                doneInLoop.set(loop.inLoop());
                calls.incrementAndGet();
                outcome.set(o);
            });
            sendReturned.set(true);
        });
        Await.until(() -> outcome.get() != null, WAIT, "the request completed");
        assertEquals(200, outcome.get().status());
        assertEquals(null, outcome.get().error());
        assertTrue(sawSendReturned.get(), "done never runs inside send");
        assertTrue(doneInLoop.get(), "done runs on the loop's thread");
        awaitQuiet(loop);
        assertEquals(1, calls.get(), "done ran exactly once");
    }

    @Test
    void requestsChainedFromDoneCallbacksAllCompleteAndReachTheTarget() {
        int users = 8;
        int perUser = 100;
        long before = requestsReceived();
        List<EventLoop> loops = transport.eventLoops();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        for (int u = 0; u < users; u++) {
            EventLoop loop = loops.get(u % loops.size());
            int user = u;
            loop.execute(() -> new Chain(open(loop, user), perUser, ok, other, finished).next());
        }
        Await.until(() -> finished.get() == users, Duration.ofSeconds(20), "every user finished its chain");
        assertEquals(users * perUser, ok.get(), "every request answered 200 (others: " + other.get() + ")");
        assertEquals(users * perUser, requestsReceived() - before, "the target counted each request exactly once");
    }

    @Test
    void sendingWhileARequestIsInFlightIsRefused() {
        EventLoop loop = loop();
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        loop.execute(() -> {
            LoopSession session = open(loop, 0);
            session.send(HANG, o -> { });
            try {
                session.send(OK, o -> { });
                refused.complete(null);
            } catch (IllegalStateException e) {
                refused.complete(e);
            }
        });
        assertNotNull(refused.join(), "a second send while one is in flight throws IllegalStateException");
    }

    @Test
    void closingASessionAbandonsItsRequestInFlightExactlyOnce() {
        EventLoop loop = loop();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<RequestOutcome> outcome = new AtomicReference<>();
        AtomicReference<LoopSession> session = new AtomicReference<>();
        CountDownLatch sent = new CountDownLatch(1);
        loop.execute(() -> {
            session.set(open(loop, 0));
            session.get().send(HANG, o -> {
                calls.incrementAndGet();
                outcome.set(o);
            });
            sent.countDown();
        });
        awaitLatch(sent);
        session.get().close(); // from the test thread: any thread may close
        Await.until(() -> outcome.get() != null, WAIT, "the hanging request ended");
        assertEquals(ErrorKind.ABANDONED, outcome.get().error());
        awaitQuiet(loop);
        assertEquals(1, calls.get(), "done ran exactly once");
    }

    @Test
    void sendingOnAClosedSessionReportsAbandonedThroughDone() {
        EventLoop loop = loop();
        AtomicReference<RequestOutcome> outcome = new AtomicReference<>();
        AtomicBoolean inside = new AtomicBoolean();
        AtomicBoolean answeredInside = new AtomicBoolean();
        loop.execute(() -> {
            LoopSession session = open(loop, 0);
            session.close();
            inside.set(true);
            session.send(OK, o -> {
                answeredInside.set(inside.get());
                outcome.set(o);
            });
            inside.set(false);
        });
        Await.until(() -> outcome.get() != null, WAIT, "the send on a closed session was answered");
        assertEquals(ErrorKind.ABANDONED, outcome.get().error());
        assertEquals(0, outcome.get().status());
        assertFalse(answeredInside.get(), "done never runs inside send, not even for a closed session");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** Sends {@code count} requests one after another, each from the previous one's done callback. */
    private static final class Chain {
        private final LoopSession session;
        private final AtomicInteger ok;
        private final AtomicInteger other;
        private final AtomicInteger finished;
        private int left;

        Chain(LoopSession session, int count, AtomicInteger ok, AtomicInteger other, AtomicInteger finished) {
            this.session = session;
            this.left = count;
            this.ok = ok;
            this.other = other;
            this.finished = finished;
        }

        void next() {
            if (left-- == 0) {
                finished.incrementAndGet();
                return;
            }
            session.send(OK, outcome -> {
                if (outcome.status() == 200 && outcome.error() == null) {
                    ok.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
                next();
            });
        }
    }
}
