package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link EventLoopTransport} must show on top of {@link TransportContract} (which checks
 * the HTTP side through the blocking API): how its loops run tasks and timers, and how a {@link LoopSession}
 * reports outcomes. Subclass it once per event-loop transport, real or fake.
 *
 * <p>The target is a JDK {@link HttpServer} on 127.0.0.1 that answers {@code GET /ok} with 200 and counts it,
 * and never answers {@code GET /hang} until the class is done. A fake that does not send to the network
 * must behave the same for those two paths and say through {@link #requestsReceived()} how many
 * {@code /ok} requests reached it; a fake whose timers run on a manual clock moves it in
 * {@link #advanceLoopTime} and reads it in {@link #loopNanos()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class EventLoopTransportContract {
    /** A fresh transport with at least one loop. */
    protected abstract EventLoopTransport newTransport();

    /** The loops' notion of now, in nanoseconds; real transports run on {@link System#nanoTime()}. */
    protected long loopNanos() {
        return System.nanoTime();
    }

    /** Lets {@code amount} of loop time pass; real time passes by itself, so by default this does nothing. */
    protected void advanceLoopTime(Duration amount) {
    }

    /**
     * Whether the contract runs over HTTPS: the target then speaks TLS with a fresh self-signed certificate,
     * which every session trusts through {@code tls.ca_bundle}. Override in a second subclass per transport.
     */
    protected boolean overTls() {
        return false;
    }

    /** How many {@code /ok} requests reached the target so far. */
    protected long requestsReceived() {
        return okCount.get();
    }

    private static final RequestSpec OK = get("/ok");
    private static final RequestSpec HANG = get("/hang");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong okCount = new AtomicLong();
    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private ExecutorService serverThreads;
    private HttpServer server;
    private SelfSignedCertificate certificate;
    private TlsSpec tls = TlsSpec.defaults();
    private URI base;
    private EventLoopTransport transport;
    private final List<LoopSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTarget() throws IOException {
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        if (overTls()) {
            certificate = new SelfSignedCertificate();
            HttpsServer secure = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            secure.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            server = secure;
            tls = new TlsSpec(true, certificate.caBundle().toString());
        } else {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        }
        server.createContext("/ok", exchange -> {
            okCount.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/hang", exchange -> {
            try {
                releaseHung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(serverThreads);
        server.start();
        base = URI.create((overTls() ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    void stopTarget() {
        releaseHung.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        if (certificate != null) {
            certificate.close();
        }
    }

    @BeforeEach
    void openTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeTransport() throws Exception {
        for (LoopSession s : sessions) {
            s.close();
        }
        sessions.clear();
        transport.close();
    }

    // ---- loops ----------------------------------------------------------------------------------------

    @Test
    void theLoopsAreFixedForTheTransportsLife() {
        List<EventLoop> first = transport.eventLoops();
        assertFalse(first.isEmpty(), "an event-loop transport has at least one loop");
        List<EventLoop> second = transport.eventLoops();
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i), "loop " + i);
        }
    }

    @Test
    void tasksRunOnTheLoopThreadInSubmissionOrder() {
        EventLoop loop = loop();
        assertFalse(loop.inLoop(), "the test thread is not a loop thread");
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicBoolean allInLoop = new AtomicBoolean(true);
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            loop.execute(() -> {
                allInLoop.compareAndSet(true, loop.inLoop());
                order.add(n);
            });
        }
        Await.until(() -> order.size() == 1_000, WAIT, "1,000 tasks ran");
        assertTrue(allInLoop.get(), "every task ran on the loop's thread");
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, order.get(i), "task " + i + " ran in order");
        }
    }

    @Test
    void aTaskSubmittedFromTheLoopRunsAfterTheCurrentTaskNotInsideIt() {
        EventLoop loop = loop();
        List<String> order = new CopyOnWriteArrayList<>();
        loop.execute(() -> {
            loop.execute(() -> order.add("inner"));
            order.add("outer done");
        });
        Await.until(() -> order.size() == 2, WAIT, "both tasks ran");
        assertEquals(List.of("outer done", "inner"), order);
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() {
        EventLoop loop = loop();
        AtomicBoolean after = new AtomicBoolean();
        loop.execute(() -> {
            throw new IllegalStateException("deliberate failure in a task");
        });
        loop.execute(() -> after.set(true));
        Await.until(after::get, WAIT, "the task after the throwing one ran");
    }

    @Test
    void aTimerFiresOnTheLoopNoEarlierThanItsDelay() {
        EventLoop loop = loop();
        long delay = Duration.ofMillis(30).toNanos();
        AtomicLong scheduledAt = new AtomicLong();
        AtomicLong firedAt = new AtomicLong();
        AtomicBoolean firedInLoop = new AtomicBoolean();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            scheduledAt.set(loopNanos());
            loop.schedule(delay, () -> {
                firedInLoop.set(loop.inLoop());
                firedAt.set(loopNanos());
            });
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        advanceLoopTime(Duration.ofNanos(delay));
        Await.until(() -> firedAt.get() != 0, WAIT, "the timer fired");
        assertTrue(firedInLoop.get(), "the timer ran on the loop's thread");
        assertTrue(firedAt.get() - scheduledAt.get() >= delay,
                "fired after " + (firedAt.get() - scheduledAt.get()) + " ns, asked for " + delay);
    }

    @Test
    void aCancelledTimerNeverFiresAndCancelSaysWhetherItPreventedIt() {
        EventLoop loop = loop();
        AtomicBoolean cancelledOneRan = new AtomicBoolean();
        AtomicBoolean laterOneRan = new AtomicBoolean();
        AtomicReference<Boolean> firstCancel = new AtomicReference<>();
        AtomicReference<Boolean> secondCancel = new AtomicReference<>();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            EventLoop.Timer early = loop.schedule(Duration.ofMillis(10).toNanos(), () -> cancelledOneRan.set(true));
            firstCancel.set(early.cancel());
            secondCancel.set(early.cancel());
            loop.schedule(Duration.ofMillis(40).toNanos(), () -> laterOneRan.set(true));
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        advanceLoopTime(Duration.ofMillis(40));
        Await.until(laterOneRan::get, WAIT, "the later timer fired");
        assertFalse(cancelledOneRan.get(), "the cancelled timer, due earlier, never ran");
        assertEquals(Boolean.TRUE, firstCancel.get(), "the first cancel prevented the run");
        assertEquals(Boolean.FALSE, secondCancel.get(), "a second cancel prevents nothing more");
    }

    @Test
    void cancellingATimerThatAlreadyFiredReturnsFalse() {
        EventLoop loop = loop();
        AtomicReference<EventLoop.Timer> timer = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        CountDownLatch scheduled = new CountDownLatch(1);
        loop.execute(() -> {
            timer.set(loop.schedule(0, () -> fired.set(true)));
            scheduled.countDown();
        });
        awaitLatch(scheduled);
        Await.until(fired::get, WAIT, "the due timer fired");
        CompletableFuture<Boolean> cancel = new CompletableFuture<>();
        loop.execute(() -> cancel.complete(timer.get().cancel()));
        assertFalse(cancel.join(), "nothing left to prevent");
    }

    @Test
    void loopOnlyCallsRefuseOtherThreads() {
        EventLoop loop = loop();
        assertThrows(IllegalStateException.class, () -> loop.schedule(1, () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.openSession(options(0)));
    }

    // ---- sessions -------------------------------------------------------------------------------------

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

    private EventLoop loop() {
        return transport.eventLoops().get(0);
    }

    private LoopSession open(EventLoop loop, int user) {
        LoopSession session = loop.openSession(options(user));
        sessions.add(session);
        return session;
    }

    private SessionOptions options(int user) {
        return new SessionOptions(base, Duration.ofSeconds(10), tls, user);
    }

    /** Returns once every task submitted to {@code loop} before this call has run. */
    private static void awaitQuiet(EventLoop loop) {
        CountDownLatch marker = new CountDownLatch(1);
        loop.execute(marker::countDown);
        awaitLatch(marker);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the loop did not run the task within " + WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static RequestSpec get(String path) {
        return new RequestSpec(HttpMethod.GET, path, List.of(), List.of(), null, false, List.of());
    }
}
