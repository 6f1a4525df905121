package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host names are resolved off the loop: a slow, failing or abandoned resolution never stalls the loop's other
 * users, and its result never outlives its request. The resolver is injected: {@code slow.test} blocks until
 * the test releases it, {@code other.test} answers at once, anything else is unknown; both known names
 * resolve to the loopback address the targets listen on.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LeanLoopSessionResolutionTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final AtomicReference<Thread> slowResolver = new AtomicReference<>();
    private final LeanLoopTransport transport = new LeanLoopTransport(1, InstantSource.system(), this::resolve);
    private final EventLoop loop = transport.eventLoops().get(0);
    private final LoopDriver driver = new LoopDriver(loop);
    private final List<AutoCloseable> targets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        slowRelease.countDown();
        transport.close();
        for (AutoCloseable target : targets) {
            target.close();
        }
    }

    @Test
    void whileAHostNameResolvesSlowlyTheLoopRunsTasksAndServesItsOtherUsers() throws Exception {
        CountingTarget target = target(OK);
        LoopSession slow = driver.open(named("slow.test", target), Duration.ofSeconds(10));
        LoopSession fast = driver.open(target.base(), Duration.ofSeconds(5));
        CompletableFuture<RequestOutcome> slowOutcome = new CompletableFuture<>();
        loop.execute(() -> slow.send(GET, slowOutcome::complete));
        assertTrue(slowEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the resolver was asked for slow.test");

        assertTrue(driver.onLoop(() -> true), "a task ran on the loop while the resolver blocked");
        for (int i = 0; i < 50; i++) {
            assertAnswered(driver.send(fast, GET));
        }

        assertFalse(slowOutcome.isDone(), "the slow session waits for its resolution");
        assertEquals(50, target.requests.get());
        slowRelease.countDown();
        assertAnswered(LoopDriver.get(slowOutcome));
        assertEquals(51, target.requests.get());
        assertEquals("slow.test:" + target.base().getPort(), target.seen.get(50).header("Host"));
    }

    @Test
    void localhostIsResolvedByTheSystemResolverAndAnswered() throws Exception {
        CountingTarget target = target(OK);
        try (LeanLoopTransport system = new LeanLoopTransport(1)) {
            TransportSession user = system.openSession(
                    new SessionOptions(named("localhost", target), Duration.ofSeconds(5), TlsSpec.defaults(), 0));

            assertAnswered(user.send(GET));
            assertAnswered(user.send(GET));
        }
        assertEquals(1, target.accepted.get(), "one kept-alive connection");
    }

    @Test
    void aResolutionSlowerThanTheTimeoutEndsAsConnectTimeoutAndItsLateResultIsDropped() throws Exception {
        CountingTarget target = target(OK);
        LoopSession user = driver.open(named("slow.test", target), Duration.ofMillis(300));
        long start = System.nanoTime();
        LoopDriver.Watched sent = driver.sendWatched(user, GET);
        Await.until(sent::ended, WAIT, "the request to time out");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        RequestOutcome timedOut = sent.outcome().get();
        assertEquals(ErrorKind.CONNECT_TIMEOUT, timedOut.error(), () -> "outcome " + timedOut);
        assertTrue(timedOut.detail().contains("slow.test"), timedOut.detail());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(Duration.ofMillis(1500)) <= 0, "gave up too late: " + took);
        releaseSlowResolutionAndLetTheLoopTakeItsResult();
        assertEquals(1, sent.calls().get(), "done ran exactly once");
        assertNoConnectionReached(target);
    }

    @Test
    void closingWhileResolvingAbandonsOnceAndNeverConnects() throws Exception {
        CountingTarget target = target(OK);
        LoopSession user = driver.open(named("slow.test", target), Duration.ofSeconds(10));
        LoopDriver.Watched sent = driver.sendWatched(user, GET);
        assertTrue(slowEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the resolver was asked for slow.test");

        user.close();

        Await.until(() -> sent.outcome().get() != null, WAIT, "the abandoned request to end");
        assertEquals(ErrorKind.ABANDONED, sent.outcome().get().error(), () -> "outcome " + sent.outcome().get());
        releaseSlowResolutionAndLetTheLoopTakeItsResult();
        assertEquals(1, sent.calls().get(), "done ran exactly once");
        assertNoConnectionReached(target);
    }

    @Test
    void anUnknownHostEndsAsAnIoErrorNamingTheHost() throws Exception {
        CountingTarget target = target(OK);

        RequestOutcome outcome = driver.send(driver.open(named("nowhere.test", target), Duration.ofSeconds(5)), GET);

        assertEquals(ErrorKind.IO_ERROR, outcome.error(), () -> "outcome " + outcome);
        assertEquals("cannot resolve or reach host 'nowhere.test'", outcome.detail());
        assertEquals(List.of("nowhere.test"), lookups);
        assertEquals(0, target.accepted.get());
    }

    @Test
    void anIpv4LiteralBaseUrlNeverCallsTheResolverNotEvenToReconnect() throws Exception {
        CountingTarget target = target("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            assertAnswered(driver.send(user, GET));
        }

        assertEquals(3, target.accepted.get(), "a fresh connection per request");
        assertEquals(List.of(), lookups);
    }

    @Test
    void anIpv6LiteralBaseUrlNeverCallsTheResolver() throws Exception {
        // Nothing listens on [::1] at this port (and IPv6 may be off): the connect fails, but never by a lookup.
        CountingTarget target = target(OK);

        RequestOutcome outcome = driver.send(driver.open(URI.create("http://[::1]:" + target.base().getPort()), Duration.ofSeconds(5)), GET);

        assertNotNull(outcome);
        assertEquals(List.of(), lookups);
    }

    @Test
    void aRedirectToANamedOriginResolvesItOffTheLoop() throws Exception {
        CountingTarget other = target(OK);
        String redirect = "HTTP/1.1 302 Found\r\nLocation: " + named("other.test", other) + "/final\r\nContent-Length: 0\r\n\r\n";
        CountingTarget home = target(redirect);
        RequestSpec follow = new RequestSpec(HttpMethod.GET, "/start", List.of(), List.of(), null, true, List.of());

        RequestOutcome outcome = driver.send(driver.open(home.base(), Duration.ofSeconds(5)), follow);

        assertAnswered(outcome);
        assertEquals(List.of("other.test"), lookups);
        assertEquals("other.test:" + other.base().getPort(), other.seen.get(0).header("Host"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        switch (host) {
            case "slow.test" -> {
                slowResolver.set(Thread.currentThread());
                slowEntered.countDown();
                try {
                    if (!slowRelease.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new UnknownHostException(host + " (the test never released it)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UnknownHostException(host + " (interrupted)");
                }
                return new InetAddress[] {LOOPBACK};
            }
            case "other.test" -> {
                return new InetAddress[] {LOOPBACK};
            }
            default -> throw new UnknownHostException(host);
        }
    }

    /**
     * Lets the blocked resolution return, waits for its thread to end (it has queued its result by then), then
     * for a task queued after that result, so the loop has dealt with it.
     */
    private void releaseSlowResolutionAndLetTheLoopTakeItsResult() throws Exception {
        slowRelease.countDown();
        assertTrue(slowResolver.get().join(WAIT), "the resolver thread ended");
        driver.onLoop(() -> true);
    }

    /**
     * Asserts that nothing connected to {@code target}: a probe connects after anything that could have, and
     * the target takes connections in arrival order, so once the probe is answered an earlier connection
     * would have been counted.
     */
    private void assertNoConnectionReached(CountingTarget target) throws Exception {
        assertAnswered(driver.send(driver.open(target.base(), Duration.ofSeconds(5)), GET));
        assertEquals(1, target.accepted.get(), "only the probe's connection reached the target");
    }

    private static URI named(String host, CountingTarget target) {
        return URI.create("http://" + host + ":" + target.base().getPort());
    }

    private CountingTarget target(String reply) throws IOException {
        CountingTarget target = new CountingTarget(reply, Integer.MAX_VALUE);
        targets.add(target);
        return target;
    }

    private static void assertAnswered(RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "outcome " + outcome);
        assertEquals(200, outcome.status(), () -> "outcome " + outcome);
    }
}
