package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How a loop session uses its connections: kept alive, replaced when the server closes them, and what it caches. */
class LeanLoopSessionConnectionTest extends LeanLoopSessionFixture {
    @Test
    void manyRequestsChainedFromDoneUseOneConnectionAndCompleteOnTheLoop() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        AtomicBoolean allOnLoop = new AtomicBoolean(true);

        List<RequestOutcome> outcomes = chain(user, GET, 500, o -> allOnLoop.compareAndSet(true, loop.inLoop()));

        outcomes.forEach(LeanLoopSessionFixture::assertAnswered);
        assertTrue(allOnLoop.get(), "every done ran on the loop's thread");
        assertEquals(500, target.requests.get());
        assertEquals(1, target.clientPorts.size(), "one kept-alive connection");
        assertTrue(outcomes.stream().allMatch(o -> o.bytesReceived() == OK.length()), "bytes per request, exactly");
    }

    @Test
    void anIpv4TargetIsReachedOverAnIpv4SocketNotADualStackOne() throws Exception {
        Path tcp = Path.of("/proc/net/tcp");
        Path tcp6 = Path.of("/proc/net/tcp6");
        assumeTrue(Files.isReadable(tcp) && Files.isReadable(tcp6), "Linux's socket tables tell the families apart");
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));

        chain(user, GET, 1, o -> { }).forEach(LeanLoopSessionFixture::assertAnswered);

        int port = target.clientPorts.iterator().next();
        assertTrue(localPorts(tcp).contains(port), "the kept-alive connection is an IPv4 socket");
        assertFalse(localPorts(tcp6).contains(port), "and not an IPv6 socket speaking to a mapped address");
    }

    /** The local ports of the sockets in a /proc/net/tcp-style table ("sl local_address rem_address ..."). */
    private static Set<Integer> localPorts(Path table) throws Exception {
        return Files.readAllLines(table).stream().skip(1)
                .map(line -> line.trim().split("\\s+")[1])
                .map(local -> Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16))
                .collect(Collectors.toSet());
    }

    @Test
    void encodedRequestsAreDroppedOnceTheLastSessionClosesSoALongLivedTransportKeepsNoPastRuns() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession first = driver.open(target.base(), Duration.ofSeconds(5));
        LoopSession second = driver.open(target.base(), Duration.ofSeconds(5));
        chain(first, GET, 3, o -> { }).forEach(LeanLoopSessionFixture::assertAnswered);
        assertEquals(1, transport.cachedEncoders());

        first.close();
        awaitLoopTurn();
        assertEquals(1, transport.cachedEncoders(), "a session is still open and shares the encoder");
        second.close();
        awaitLoopTurn();
        assertEquals(0, transport.cachedEncoders(), "no session open: nothing of the past run is kept");

        LoopSession next = driver.open(target.base(), Duration.ofSeconds(5));
        chain(next, GET, 2, o -> { }).forEach(LeanLoopSessionFixture::assertAnswered);
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

        outcomes.forEach(LeanLoopSessionFixture::assertAnswered);
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

        outcomes.forEach(LeanLoopSessionFixture::assertAnswered);
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
}
