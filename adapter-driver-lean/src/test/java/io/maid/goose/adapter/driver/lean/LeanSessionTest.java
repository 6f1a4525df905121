package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection handling that the contract cannot see: how many requests and connections the server gets. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LeanSessionTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");

    private final LeanTransport transport = new LeanTransport();
    private CountingTarget target;

    @AfterEach
    void stop() throws IOException {
        transport.close();
        if (target != null) {
            target.close();
        }
    }

    @Test
    void manySequentialRequestsUseOneConnection() throws IOException {
        target = new CountingTarget(OK, Integer.MAX_VALUE);
        TransportSession user = session();

        for (int i = 0; i < 200; i++) {
            assertAnswered(user.send(GET));
        }

        assertEquals(200, target.requests.get());
        assertEquals(1, target.clientPorts.size());
    }

    @Test
    void aKeptAliveConnectionClosedByTheServerIsReplacedWithoutLosingOrDoublingRequests() throws IOException {
        target = new CountingTarget(OK, 1); // answers one request per connection, then closes without saying so
        TransportSession user = session();

        for (int i = 0; i < 5; i++) {
            RequestOutcome outcome = user.send(GET);
            assertAnswered(outcome);
            assertEquals(OK.length(), outcome.bytesReceived());
        }

        assertEquals(5, target.requests.get(), "the server must see each request exactly once");
        assertEquals(5, target.clientPorts.size());
    }

    @Test
    void aServerThatReadsOneMoreRequestAndClosesSeesAsManyRequestsAsTheEngineCounts() throws IOException {
        target = CountingTarget.readingOneMore(OK, 3);
        TransportSession user = session();
        long engine = 0;

        for (int i = 0; i < 50; i++) {
            RequestOutcome outcome = user.send(GET);
            assertAnswered(outcome);
            engine += 1 + outcome.closedAttempts();
        }

        assertTrue(engine > 50, "some attempts were closed under the request and counted");
        assertEquals(target.requests.get(), engine, "the engine's count is the server's");
    }

    @Test
    void aFreshConnectionClosedWithoutAnAnswerIsNotRetried() throws IOException {
        target = new CountingTarget("", 1);

        RequestOutcome outcome = session().send(GET);

        assertEquals(ErrorKind.CONNECTION_RESET, outcome.error());
        assertEquals(1, target.requests.get());
    }

    @Test
    void aResponseThatAsksToCloseIsFollowedByANewConnection() throws IOException {
        target = new CountingTarget("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", Integer.MAX_VALUE);
        TransportSession user = session();

        assertAnswered(user.send(GET));
        assertAnswered(user.send(GET));

        assertEquals(2, target.clientPorts.size());
    }

    @Test
    void aSlowButSteadyResponseIsCutOffOnceTheWholeOfItTakesLongerThanTheTimeout() throws IOException {
        // Five pieces 150 ms apart: never 400 ms without bytes, but 600 ms in all, past the 400 ms timeout.
        target = new CountingTarget(out -> {
            byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            out.write(head);
            for (int i = 0; i < 4; i++) {
                out.flush();
                CountingTarget.pause(Duration.ofMillis(150));
                out.write('x');
            }
        }, Integer.MAX_VALUE);

        RequestOutcome outcome = session(Duration.ofMillis(400)).send(GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertEquals("the response was not complete within 400 ms", outcome.detail());
    }

    @Test
    void aResponseThatStopsHalfwayTimesOutAndTheNextRequestGetsAFreshConnection() throws IOException {
        target = new CountingTarget(CountingTarget.firstAnswerStallsHalfway(OK), Integer.MAX_VALUE);
        TransportSession user = session(Duration.ofMillis(300));

        RequestOutcome first = user.send(GET);
        RequestOutcome second = user.send(GET);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, first.error(), () -> "outcome " + first);
        assertAnswered(second);
        assertEquals(2, target.clientPorts.size());
    }

    @Test
    void theTimeoutWatchdogRunsOnlyWhileSessionsAreOpen() throws IOException {
        target = new CountingTarget(OK, Integer.MAX_VALUE);
        TransportSession user = session();
        assertAnswered(user.send(GET));
        assertTrue(transport.isWatching());

        user.close();

        Await.until(() -> !transport.isWatching(), Duration.ofSeconds(5), "the watchdog to leave");
        TransportSession later = session();
        assertAnswered(later.send(GET));
        assertTrue(transport.isWatching());
    }

    @Test
    void tenThousandDistinctRequestsThatAreNotReusableLeaveNothingEncodedBehind() throws IOException {
        target = new CountingTarget(OK, Integer.MAX_VALUE);
        LeanSession user = (LeanSession) session();
        SendOptions rendered = new SendOptions(false, false, 0);

        for (int i = 0; i < 10_000; i++) {
            assertAnswered(user.send(RequestSpec.of(HttpMethod.GET, "/item/" + i), rendered));
        }

        assertEquals(10_000, target.requests.get());
        assertArrayEquals(new int[] {0, 0}, user.cachedRequests(), "kept by the session, shared by its encoder");
        assertAnswered(user.send(GET));
        assertAnswered(user.send(GET));
        assertArrayEquals(new int[] {1, 1}, user.cachedRequests(), "a reusable request is kept, once");
    }

    private TransportSession session() {
        return session(Duration.ofSeconds(5));
    }

    private TransportSession session(Duration timeout) {
        return transport.openSession(new SessionOptions(target.base(), timeout, TlsSpec.defaults(), 0));
    }

    private static void assertAnswered(RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "outcome " + outcome);
        assertEquals(200, outcome.status());
    }
}
