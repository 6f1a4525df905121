package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a loop session does on the wire and in time, seen from a raw target that counts requests and connections. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LeanLoopSessionTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LeanLoopTransport transport = new LeanLoopTransport(1);
    private final EventLoop loop = transport.eventLoops().get(0);
    private final LoopDriver driver = new LoopDriver(loop);
    private final List<AutoCloseable> targets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        transport.close();
        for (AutoCloseable target : targets) {
            target.close();
        }
    }

    // ---- connections ------------------------------------------------------------------------------------

    @Test
    void manyRequestsChainedFromDoneUseOneConnectionAndCompleteOnTheLoop() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        AtomicBoolean allOnLoop = new AtomicBoolean(true);

        List<RequestOutcome> outcomes = chain(user, GET, 500, o -> allOnLoop.compareAndSet(true, loop.inLoop()));

        outcomes.forEach(LeanLoopSessionTest::assertAnswered);
        assertTrue(allOnLoop.get(), "every done ran on the loop's thread");
        assertEquals(500, target.requests.get());
        assertEquals(1, target.clientPorts.size(), "one kept-alive connection");
        assertTrue(outcomes.stream().allMatch(o -> o.bytesReceived() == OK.length()), "bytes per request, exactly");
    }

    @Test
    void encodedRequestsAreDroppedOnceTheLastSessionClosesSoALongLivedTransportKeepsNoPastRuns() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession first = driver.open(target.base(), Duration.ofSeconds(5));
        LoopSession second = driver.open(target.base(), Duration.ofSeconds(5));
        chain(first, GET, 3, o -> { }).forEach(LeanLoopSessionTest::assertAnswered);
        assertEquals(1, transport.cachedEncoders());

        first.close();
        awaitLoopTurn();
        assertEquals(1, transport.cachedEncoders(), "a session is still open and shares the encoder");
        second.close();
        awaitLoopTurn();
        assertEquals(0, transport.cachedEncoders(), "no session open: nothing of the past run is kept");

        LoopSession next = driver.open(target.base(), Duration.ofSeconds(5));
        chain(next, GET, 2, o -> { }).forEach(LeanLoopSessionTest::assertAnswered);
        assertEquals(5, target.requests.get(), "the transport keeps working after its caches were dropped");
    }

    /** Returns once the loop has run every task queued before this call (closes are queued tasks). */
    private void awaitLoopTurn() throws Exception {
        CountDownLatch turn = new CountDownLatch(1);
        loop.execute(turn::countDown);
        assertTrue(turn.await(10, TimeUnit.SECONDS), "the loop ran the queued tasks");
    }

    @Test
    void aKeptAliveConnectionClosedByTheServerIsReplacedWithoutLosingOrDoublingRequests() throws Exception {
        CountingTarget target = target(OK, 1); // one answer per connection, then a close without saying so
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));

        List<RequestOutcome> outcomes = chain(user, GET, 20, o -> { });

        outcomes.forEach(LeanLoopSessionTest::assertAnswered);
        assertTrue(outcomes.stream().allMatch(o -> o.bytesReceived() == OK.length()), () -> "outcomes " + outcomes);
        assertEquals(20, target.requests.get(), "the server must see each request exactly once");
        assertEquals(20, target.clientPorts.size());
    }

    @Test
    void requestsChainedFromDoneAgainstAServerThatReadsOneMoreAndClosesAreAllCountedAsTheServerCountsThem()
            throws Exception {
        CountingTarget target = CountingTarget.readingOneMore(OK, 3);
        targets.add(target);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));

        List<RequestOutcome> outcomes = chain(user, GET, 200, o -> { });

        outcomes.forEach(LeanLoopSessionTest::assertAnswered);
        long engine = outcomes.stream().mapToLong(o -> 1 + o.closedAttempts()).sum();
        assertTrue(engine > 200, "some attempts were closed under the request and counted");
        assertEquals(target.requests.get(), engine, "the engine's count is the server's");
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsNotRetried() throws Exception {
        CountingTarget target = target("", 1);

        RequestOutcome outcome = driver.send(driver.open(target.base(), Duration.ofSeconds(5)), GET);

        assertEquals(ErrorKind.CONNECTION_RESET, outcome.error(), () -> "outcome " + outcome);
        assertEquals(1, target.requests.get());
    }

    @Test
    void aRequestLargerThanTheSocketBuffersIsWrittenInPiecesWithItsCookieInPlace() throws Exception {
        CountingTarget target = target("HTTP/1.1 200 OK\r\nSet-Cookie: sid=abc; Path=/\r\nContent-Length: 2\r\n\r\nok", Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        assertAnswered(driver.send(user, GET));
        String body = "0123456789abcdef".repeat(1 << 20); // 16 MiB: more than loopback socket buffers hold
        RequestSpec post = new RequestSpec(HttpMethod.POST, "/upload", List.of(new NameValue("Content-Type", "text/plain")),
                List.of(), body, false, List.of());

        RequestOutcome outcome = driver.send(user, post);

        assertAnswered(outcome);
        CountingTarget.Seen arrived = target.seen.get(1);
        assertEquals("sid=abc", arrived.header("Cookie"));
        assertEquals(body.length(), arrived.bodyLength());
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(crc.getValue(), arrived.bodyCrc(), "the body arrived intact");
        long wire = new RequestEncoder(target.base()).encode(post).bytes().length + "Cookie: sid=abc\r\n".length();
        assertEquals(wire, outcome.bytesSent());
        assertEquals(1, target.clientPorts.size());
    }

    @Test
    void aResponseThatAsksToCloseIsFollowedByANewConnection() throws Exception {
        CountingTarget target = target("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));

        assertAnswered(driver.send(user, GET));
        assertAnswered(driver.send(user, GET));

        assertEquals(2, target.clientPorts.size());
    }

    // ---- timeouts ---------------------------------------------------------------------------------------

    @Test
    void aResponseThatStopsHalfwayIsCutOffByTheSweepAndTheNextRequestGetsAFreshConnection() throws Exception {
        CountingTarget target = target(CountingTarget.firstAnswerStallsHalfway(OK), Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofMillis(300));

        long start = System.nanoTime();
        RequestOutcome first = driver.send(user, GET);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RequestOutcome second = driver.send(user, GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, first.error(), () -> "outcome " + first);
        assertTrue(first.bytesReceived() > 0, () -> "the partial response is counted: " + first);
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(Duration.ofMillis(1500)) <= 0, "gave up too late: " + took);
        assertAnswered(second);
        assertEquals(2, target.clientPorts.size());
    }

    @Test
    void aSlowButSteadyResponseIsCutOffOnceTheWholeOfItTakesLongerThanTheTimeout() throws Exception {
        // Five pieces 150 ms apart: never 400 ms without bytes, but 600 ms in all, past the 400 ms timeout.
        CountingTarget target = target(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 4; i++) {
                out.flush();
                CountingTarget.pause(Duration.ofMillis(150));
                out.write('x');
            }
        }, Integer.MAX_VALUE);

        RequestOutcome outcome = driver.send(driver.open(target.base(), Duration.ofMillis(400)), GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertEquals("the response was not complete within 400 ms", outcome.detail());
    }

    // ---- outcomes ---------------------------------------------------------------------------------------

    @Test
    void aFailureFoundInsideSendIsReportedAfterSendReturned() throws Exception {
        int port;
        try (ServerSocket bound = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = bound.getLocalPort();
        }
        LoopSession user = driver.open(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5));
        AtomicBoolean returned = new AtomicBoolean();
        AtomicBoolean doneSawReturned = new AtomicBoolean();
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();

        loop.execute(() -> {
            user.send(GET, o -> {
                doneSawReturned.set(returned.get());
                outcome.complete(o);
            });
            returned.set(true);
        });

        assertEquals(ErrorKind.CONNECT_REFUSED, LoopDriver.get(outcome).error());
        assertTrue(doneSawReturned.get(), "done ran after send returned");
    }

    @Test
    void closingWhileInFlightAbandonsOnceEvenWhenTheAnswerArrivesAfterwards() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        CountingTarget target = target(out -> {
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(OK.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            answered.incrementAndGet();
        }, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        LoopDriver.Watched sent = driver.sendWatched(user, GET);
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");

        user.close();
        answer.countDown();

        Await.until(() -> sent.outcome().get() != null, WAIT, "the abandoned request to end");
        Await.until(() -> answered.get() == 1, WAIT, "the target to answer anyway");
        awaitQuiet();
        assertEquals(ErrorKind.ABANDONED, sent.outcome().get().error());
        assertEquals(1, sent.calls().get(), "done ran exactly once");
        assertEquals(ErrorKind.ABANDONED, driver.send(user, GET).error(), "a later send is abandoned too");
    }

    @Test
    void aDoneCallbackThatThrowsStopsNeitherTheLoopNorTheSession() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        CountDownLatch threw = new CountDownLatch(1);

        loop.execute(() -> user.send(GET, o -> {
            threw.countDown();
            throw new IllegalStateException("deliberate failure in a done callback");
        }));
        assertTrue(threw.await(10, TimeUnit.SECONDS));

        assertAnswered(driver.send(user, GET));
        assertEquals(1, target.clientPorts.size(), "the connection survived the callback's failure");
    }

    @Test
    void interruptingABlockingSendAbandonsItAndKeepsTheInterrupt() throws Exception {
        CountingTarget target = target(out -> CountingTarget.pause(Duration.ofSeconds(5)), Integer.MAX_VALUE);
        TransportSession user = transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(10), TlsSpec.defaults(), 0));
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();

        Thread sender = Thread.ofVirtual().start(() -> {
            outcome.complete(user.send(GET));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");
        sender.interrupt();

        assertEquals(ErrorKind.ABANDONED, LoopDriver.get(outcome).error());
        assertTrue(sender.join(WAIT));
        assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
    }

    @Test
    void closingTheTransportAbandonsRequestsInFlightAndDropsLaterTasks() throws Exception {
        CountingTarget target = target(out -> CountingTarget.pause(Duration.ofSeconds(5)), Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(10));
        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        loop.execute(() -> user.send(GET, outcome::complete));
        Await.until(() -> target.requests.get() == 1, WAIT, "the request to reach the target");

        transport.close();

        assertEquals(ErrorKind.ABANDONED, LoopDriver.get(outcome).error());
        assertFalse(((LeanEventLoop) loop).submit(() -> { }), "a stopped loop takes no more tasks");
        assertThrows(IllegalStateException.class,
                () -> transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(1), TlsSpec.defaults(), 0)));
        assertEquals(List.of(loop), transport.eventLoops(), "the same loops, stopped");
    }

    // ---- redirects --------------------------------------------------------------------------------------

    @Test
    void aRedirectToAnotherOriginUsesAConnectionOfItsOwnAndCountsEveryHop() throws Exception {
        CountingTarget other = target(OK, Integer.MAX_VALUE);
        String redirect = "HTTP/1.1 302 Found\r\nLocation: " + other.base() + "/final\r\nContent-Length: 0\r\n\r\n";
        CountingTarget home = target(redirect, Integer.MAX_VALUE);
        LoopSession user = driver.open(home.base(), Duration.ofSeconds(5));
        RequestSpec follow = new RequestSpec(HttpMethod.GET, "/start", List.of(), List.of(), null, true, List.of());

        RequestOutcome first = driver.send(user, follow);
        RequestOutcome second = driver.send(user, follow);

        assertAnswered(first);
        assertAnswered(second);
        assertEquals(redirect.length() + OK.length(), first.bytesReceived());
        long firstHop = new RequestEncoder(home.base()).encode(follow).bytes().length;
        long secondHop = RequestEncoder.build("GET", "127.0.0.1:" + other.base().getPort(), "/final", "/final", List.of(),
                false, null).bytes().length;
        assertEquals(firstHop + secondHop, first.bytesSent());
        assertEquals(1, home.clientPorts.size(), "the home connection is kept alive across redirects");
        assertEquals(2, other.clientPorts.size(), "each hop elsewhere gets a connection of its own");
        assertTrue(other.seen.get(0).head().startsWith("GET /final HTTP/1.1\r\n"), other.seen.get(0).head());
    }

    @Test
    void aRedirectToAnHttpsOriginRunsThroughTheBlockingCodecAndEndsOnTheLoop() throws Exception {
        HttpsTarget secure = new HttpsTarget();
        targets.add(secure);
        String redirect = "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + secure.base() + "/secure\r\n"
                + "Set-Cookie: sid=1; Path=/\r\nContent-Length: 0\r\n\r\n";
        CountingTarget home = target(redirect, Integer.MAX_VALUE);
        LoopSession user = driver.onLoop(() -> loop.openSession(
                new SessionOptions(home.base(), Duration.ofSeconds(5), new TlsSpec(false, null), 0)));
        RequestSpec follow = new RequestSpec(HttpMethod.GET, "/start", List.of(), List.of(), null, true, List.of());
        AtomicBoolean onLoop = new AtomicBoolean();

        CompletableFuture<RequestOutcome> outcome = new CompletableFuture<>();
        loop.execute(() -> user.send(follow, o -> {
            onLoop.set(loop.inLoop());
            outcome.complete(o);
        }));

        RequestOutcome followed = LoopDriver.get(outcome);
        assertAnswered(followed);
        assertTrue(onLoop.get(), "done ran on the loop's thread");
        assertEquals(List.of("/secure"), secure.paths);
        assertTrue(followed.bytesReceived() > redirect.length() + HttpsTarget.BODY.length, () -> "outcome " + followed);
        assertEquals(307, driver.send(user, GET).status(), "not followed when the request does not allow it");
        assertEquals("sid=1", home.seen.get(1).header("Cookie"), "the cookie set with the redirect is sent home");
    }

    // ---- what a send keeps -------------------------------------------------------------------------------

    @Test
    void tenThousandDistinctRequestsThatAreNotReusableLeaveNothingEncodedBehind() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LeanLoopSession user = (LeanLoopSession) driver.open(target.base(), Duration.ofSeconds(5));
        SendOptions rendered = new SendOptions(false, false, 0);

        List<RequestOutcome> outcomes = chain(user, i -> RequestSpec.of(HttpMethod.GET, "/item/" + i), rendered, 10_000, o -> { });

        outcomes.forEach(LeanLoopSessionTest::assertAnswered);
        assertEquals(10_000, target.requests.get());
        assertEquals("GET /item/9999 HTTP/1.1", target.seen.get(9_999).head().split("\r\n")[0]);
        assertArrayEquals(new int[] {0, 0}, driver.onLoop(user::cachedRequests), "kept by the session, shared by its encoder");
        chain(user, GET, 3, o -> { }).forEach(LeanLoopSessionTest::assertAnswered);
        assertArrayEquals(new int[] {1, 1}, driver.onLoop(user::cachedRequests), "a reusable request is kept, once");
    }

    @Test
    void aLoopSendHandsItsDoneWhatItAskedToCapture() throws Exception {
        String reply = "HTTP/1.1 200 OK\r\nX-Token: abc\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        CountingTarget target = target(reply, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        CompletableFuture<RequestOutcome> captured = new CompletableFuture<>();
        CompletableFuture<RequestOutcome> plain = new CompletableFuture<>();

        loop.execute(() -> user.send(GET, new SendOptions(false, true, 2), o -> {
            captured.complete(o);
            user.send(GET, plain::complete);
        }));

        RequestOutcome outcome = LoopDriver.get(captured);
        assertAnswered(outcome);
        assertEquals(List.of(new NameValue("X-Token", "abc"), new NameValue("Transfer-Encoding", "chunked")),
                outcome.response().headers());
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), outcome.response().body());
        assertTrue(outcome.response().bodyTruncated());
        assertEquals(reply.length(), outcome.bytesReceived());
        assertNull(LoopDriver.get(plain).response(), "the next send asked for nothing");
    }

    // ---- cost -------------------------------------------------------------------------------------------

    @Test
    void aKeptAliveRequestAllocatesLittleMoreThanItsOutcomeOnTheLoop() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        chain(user, GET, 3_000, o -> { }); // warm up

        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        List<RequestOutcome> outcomes = chain(user, GET, 2_000, new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                if (n++ == 0) {
                    before.set(threads.getCurrentThreadAllocatedBytes());
                }
                after.set(threads.getCurrentThreadAllocatedBytes());
            }
        });

        outcomes.forEach(LeanLoopSessionTest::assertAnswered);
        long perRequest = (after.get() - before.get()) / 1_999;
        assertTrue(perRequest < 256, "a request allocated " + perRequest + " bytes on the loop");
    }

    @Test
    void aKeptAliveRequestWhoseSendCapturesNothingAllocatesLittleMoreThanItsOutcome() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SendOptions nothing = new SendOptions(true, false, 0); // not the STATIC constant: the flags decide, not identity
        chain(user, i -> GET, nothing, 3_000, o -> { }); // warm up

        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        List<RequestOutcome> outcomes = chain(user, i -> GET, nothing, 2_000, new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                if (n++ == 0) {
                    before.set(threads.getCurrentThreadAllocatedBytes());
                }
                after.set(threads.getCurrentThreadAllocatedBytes());
            }
        });

        outcomes.forEach(o -> assertNull(o.response(), () -> "nothing was asked for: " + o));
        long perRequest = (after.get() - before.get()) / 1_999;
        assertTrue(perRequest < 256, "a request that captures nothing allocated " + perRequest + " bytes on the loop");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private CountingTarget target(String reply, int perConnection) throws IOException {
        CountingTarget target = new CountingTarget(reply, perConnection);
        targets.add(target);
        return target;
    }

    private CountingTarget target(CountingTarget.Reply reply, int perConnection) throws IOException {
        CountingTarget target = new CountingTarget(reply, perConnection);
        targets.add(target);
        return target;
    }

    /** Sends {@code count} requests one after another, each from the previous one's done, as the engine does. */
    private List<RequestOutcome> chain(LoopSession session, RequestSpec spec, int count, Consumer<RequestOutcome> each)
            throws Exception {
        return chain(session, i -> spec, SendOptions.STATIC, count, each);
    }

    /** As {@link #chain(LoopSession, RequestSpec, int, Consumer)}, the {@code i}-th request being {@code specs(i)}. */
    private List<RequestOutcome> chain(LoopSession session, IntFunction<RequestSpec> specs, SendOptions options, int count,
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

    private void awaitQuiet() throws Exception {
        driver.onLoop(() -> true);
    }

    private static void assertAnswered(RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "outcome " + outcome);
        assertEquals(200, outcome.status(), () -> "outcome " + outcome);
    }
}
