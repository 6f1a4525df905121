package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The part of the {@link TransportContract} about targets that try to misuse the transport, on purpose or
 * not: redirects to hosts off the allow-list, paths that look like other hosts, connections closed under a
 * request or while idle, responses that never end or end too slowly, bodies past the limit. The rules behind
 * them: load goes only where the allow-list says, on every hop; the requests the engine counts are the
 * requests the target received; no response holds a user longer than the request timeout. Subclass
 * {@link TransportContract}, not this.
 */
public abstract class TransportAbuseContract extends TransportTlsContract {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");
    private static final byte[] CHUNK;

    static {
        StringBuilder chunk = new StringBuilder("400\r\n");
        chunk.append("c".repeat(1024)).append("\r\n");
        CHUNK = chunk.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    // ---- redirects stay on the allow-list -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/stolen", "//localhost:%d/stolen"})
    void aRedirectToAHostNotOnTheAllowListIsNotFollowedAndFailsNamingTheHost(String location) throws IOException {
        RawTarget redirecting = keep(RawTarget.replying("HTTP/1.1 302 Found\r\nLocation: "
                + location.formatted(otherHostPort()) + "\r\nContent-Length: 0\r\n\r\n", rawTls()));
        TransportSession user = session(options(redirecting.base(), GENEROUS)
                .withAllowedTargets(TargetAllowList.of(List.of("127.0.0.1"))));
        int before = otherHostRequests.get();

        RequestOutcome outcome = user.send(following("/"));

        assertEquals(ErrorKind.REDIRECT_NOT_ALLOWED, outcome.error(), () -> "outcome " + outcome);
        assertTrue(outcome.detail() != null && outcome.detail().contains("'localhost'"), () -> "outcome " + outcome);
        assertTrue(outcome.bytesReceived() > 0, () -> "the redirect that was read is counted: " + outcome);
        assertEquals(before, otherHostRequests.get(), "the host not on the list received a request");
        assertEquals(1, redirecting.requests.get());
    }

    @Test
    void aRedirectToAHostOnTheAllowListIsFollowed() {
        String token = token();
        TransportSession user = session(options(httpBase, GENEROUS)
                .withAllowedTargets(TargetAllowList.of(List.of("127.0.0.1", "localhost"))));
        int before = otherHostRequests.get();

        assertAnswered(200, user.send(following("/redirect-to/" + otherHostPort() + "/" + token)));

        assertEquals(before + 1, otherHostRequests.get());
    }

    private static RequestSpec following(String path) {
        return new RequestSpec(HttpMethod.GET, path, List.of(), List.of(), null, true, List.of());
    }

    // ---- paths stay paths ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/x", "//evil.example", "/http://evil.example/x", "//127.0.0.2:1/x?q=1"})
    void aPathThatLooksLikeAnotherHostIsSentToTheTargetAsAPath(String path) throws IOException {
        RawTarget echo = keep(new RawTarget(c -> {
            while (c.readRequest() != null) {
                c.write(OK);
            }
        }, rawTls()));

        assertAnswered(200, session(options(echo.base(), GENEROUS)).send(RequestSpec.of(HttpMethod.GET, path)));

        String[] head = echo.heads.get(0).split("\r\n");
        assertEquals("GET " + path + " HTTP/1.1", head[0]);
        assertTrue(List.of(head).contains("Host: 127.0.0.1:" + echo.base().getPort()), () -> String.join(" | ", head));
    }

    @Test
    void aPathBeginningWithTwoSlashesIsAppendedToTheBasePath() throws IOException {
        RawTarget echo = keep(new RawTarget(c -> {
            while (c.readRequest() != null) {
                c.write(OK);
            }
        }, rawTls()));

        assertAnswered(200, session(options(URI.create(echo.base() + "/base"), GENEROUS))
                .send(RequestSpec.of(HttpMethod.GET, "//evil.example/x")));

        assertEquals("GET /base//evil.example/x HTTP/1.1", echo.heads.get(0).split("\r\n")[0]);
    }

    // ---- connections closed under a request ------------------------------------------------------------

    @Test
    void aRequestTheServerReadsAndNeverAnswersIsCountedAndSentOnceMoreSoBothCountsAgree() throws IOException {
        // Each connection: two answers, then the third request is read and the connection closed without a word.
        RawTarget target = raw(c -> {
            for (int i = 0; i < 2; i++) {
                if (c.readRequest() == null) {
                    return;
                }
                c.write(OK);
            }
            c.readRequest();
        });
        TransportSession user = session(options(target.base(), GENEROUS));
        List<RequestOutcome> outcomes = new ArrayList<>();

        for (int i = 0; i < 7; i++) {
            outcomes.add(user.send(GET));
        }

        outcomes.forEach(o -> assertAnswered(200, o));
        assertTrue(outcomes.stream().anyMatch(o -> o.closedAttempts() == 1), () -> "no attempt was re-sent: " + outcomes);
        assertEquals(target.requests.get(), engineCount(outcomes), () -> "the target's count against the engine's: " + outcomes);
    }

    @Test
    void aKeptAliveConnectionTheServerClosedWhileIdleIsReplacedAndNothingExtraIsCounted() throws IOException {
        // One answer per connection, then (the target's own pause after the client has its answer) a close
        // without saying so. The pause starts once the send returned, so the connection is idle before it
        // closes however long the client takes over the answer (TLS on a loaded machine can take longer than
        // the pause itself).
        Semaphore answered = new Semaphore(0);
        RawTarget target = raw(c -> {
            if (c.readRequest() != null) {
                c.write(OK);
                try {
                    answered.tryAcquire(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.pause(Duration.ofMillis(20));
            }
        });
        TransportSession user = session(options(target.base(), GENEROUS));
        List<RequestOutcome> outcomes = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            outcomes.add(user.send(GET));
            answered.release();
            int closedSoFar = i + 1;
            Await.until(() -> target.closed.get() >= closedSoFar, GENEROUS, "the target to close the idle connection");
        }

        outcomes.forEach(o -> assertAnswered(200, o));
        assertEquals(List.of(0, 0, 0), outcomes.stream().map(RequestOutcome::closedAttempts).toList());
        assertEquals(3, target.requests.get());
        assertEquals(3, target.connections.get());
    }

    // ---- responses that never end -------------------------------------------------------------------------

    @Test
    void anEndlessChunkedBodyEndsAsAResponseTimeoutAfterAboutTheTimeout() throws IOException {
        RawTarget target = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            while (true) {
                c.write(CHUNK);
                c.pause(Duration.ofMillis(5));
            }
        });

        assertTimesOutAsAWhole(target);
    }

    @Test
    void aTricklingBodyEndsAsAResponseTimeoutAfterAboutTheTimeout() throws IOException {
        // Never 400 ms without a byte, but 1000 bytes at 20 per second would take 50 s.
        RawTarget target = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            while (true) {
                c.write("x");
                c.pause(Duration.ofMillis(50));
            }
        });

        assertTimesOutAsAWhole(target);
    }

    private void assertTimesOutAsAWhole(RawTarget target) {
        Duration timeout = Duration.ofMillis(400);
        TransportSession user = session(options(target.base(), timeout));

        long start = System.nanoTime();
        RequestOutcome outcome = user.send(GET);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertTrue(outcome.bytesReceived() > 0, () -> "the bytes that did arrive are counted: " + outcome);
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(timeout.plusMillis(1500)) <= 0, "gave up too late: " + took);
    }

    // ---- bodies past the limit ----------------------------------------------------------------------------

    @Test
    void aBodyLargerThanTheLimitFailsAsBodyTooLargeAndItsConnectionIsClosed() {
        TransportSession user = session(options(httpBase, GENEROUS).withMaxResponseBytes(1024));
        String large = "/bytes/4096/" + token();
        String next = "/echo/" + token();

        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, large));
        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, next)));

        assertEquals(ErrorKind.BODY_TOO_LARGE, outcome.error(), () -> "outcome " + outcome);
        assertTrue(outcome.detail() != null && outcome.detail().contains("1024"), () -> "outcome " + outcome);
        assertNotEquals(recordedAt(large).remotePort(), recordedAt(next).remotePort(), "the connection must be closed");
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        TransportSession user = session(options(httpBase, GENEROUS).withMaxResponseBytes(1024));

        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/bytes/1024/" + token()));

        assertAnswered(200, outcome);
        assertNull(outcome.detail());
    }

    @Test
    void anEndlessBodyFailsAsBodyTooLargeOnceItPassesTheLimit() throws IOException {
        RawTarget target = raw(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            while (true) {
                c.write(CHUNK);
            }
        });
        TransportSession user = session(options(target.base(), GENEROUS).withMaxResponseBytes(64 * 1024));

        long start = System.nanoTime();
        RequestOutcome outcome = user.send(GET);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ErrorKind.BODY_TOO_LARGE, outcome.error(), () -> "outcome " + outcome);
        assertTrue(outcome.bytesReceived() > 64 * 1024, () -> "outcome " + outcome);
        assertTrue(took.compareTo(GENEROUS.dividedBy(2)) < 0, "took " + took);
        Await.until(() -> target.closed.get() == 1, GENEROUS, "the connection to be closed");
    }
}
