package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The part of the {@link TransportContract} about failures: each comes back as the right {@link ErrorKind},
 * promptly, never as an exception. Subclass {@link TransportContract}, not this.
 *
 * <p>The connect-timeout test relies on the OS leaving connects to a full accept queue pending (Linux does);
 * where the OS refuses them instead, that one test is skipped, not passed.
 */
public abstract class TransportFailureContract extends TransportAbuseContract {
    @Test
    void unansweredRequestFailsWithResponseTimeoutAfterAboutTheTimeout() {
        Duration timeout = Duration.ofMillis(400);
        TransportSession user = session(httpBase, timeout, tls());

        long start = System.nanoTime();
        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/hang/" + token()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertEquals(0, outcome.status());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(timeout.plusMillis(1500)) <= 0, "gave up too late: " + took);
    }

    @Test
    void closedPortFailsWithConnectRefused() {
        try (RefusingPort closed = new RefusingPort()) {
            TransportSession user = session(URI.create(httpBase.getScheme() + "://127.0.0.1:" + closed.port()), GENEROUS, tls());

            RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.CONNECT_REFUSED, outcome.error(), () -> "outcome " + outcome);
            assertEquals(0, outcome.status());
        }
    }

    @Test
    void connectThatNeverCompletesIsAConnectTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                assumeTrue(fillAcceptQueue(full, queued),
                        "this OS refuses connections to a full accept queue instead of leaving them pending");
                Duration timeout = Duration.ofMillis(400);
                TransportSession user = session(URI.create(httpBase.getScheme() + "://127.0.0.1:" + full.getLocalPort()), timeout, tls());

                long start = System.nanoTime();
                RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertEquals(ErrorKind.CONNECT_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
                assertTrue(took.compareTo(timeout.plusMillis(1500)) <= 0, "gave up too late: " + took);
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void tlsHandshakeThatNeverCompletesIsAConnectTimeout() throws IOException {
        try (RawTarget silent = RawTarget.replying("")) { // plain: it never shakes hands
            Duration timeout = Duration.ofMillis(400);
            URI base = URI.create("https://127.0.0.1:" + silent.base().getPort());
            TransportSession user = session(base, timeout, new TlsSpec(false, null));

            long start = System.nanoTime();
            RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(ErrorKind.CONNECT_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
            assertTrue(took.compareTo(timeout.plusMillis(1500)) <= 0, "gave up too late: " + took);
        }
    }

    @Test
    void serverErrorIsReturnedAsAStatusNotAnError() {
        RequestOutcome outcome = session().send(RequestSpec.of(HttpMethod.GET, "/status/500/" + token()));

        assertAnswered(500, outcome);
    }

    @Test
    void responseThatIsNotHttpIsAProtocolError() throws IOException {
        try (RawTarget target = RawTarget.replying("SSH-2.0-OpenSSH_9.6 not http at all\r\n\r\n", rawTls())) {
            RequestOutcome outcome = session(target.base(), GENEROUS, tls()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.PROTOCOL_ERROR, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void connectionClosedWithoutAnswerIsAConnectionReset() throws IOException {
        try (RawTarget target = RawTarget.replying("", rawTls())) {
            RequestOutcome outcome = session(target.base(), GENEROUS, tls()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.CONNECTION_RESET, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void bodyCutShortIsAConnectionReset() throws IOException {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a few bytes";
        try (RawTarget target = RawTarget.replying(cut, rawTls())) {
            RequestOutcome outcome = session(target.base(), GENEROUS, tls()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.CONNECTION_RESET, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void closingTheSessionFromAnotherThreadEndsABlockedSendPromptly() throws Exception {
        TransportSession user = session(httpBase, Duration.ofSeconds(20), tls());
        int arrivedBefore = target.hungArrivals();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RequestOutcome> blocked = pool.submit(() -> user.send(RequestSpec.of(HttpMethod.GET, "/hang/" + token())));
            Await.until(() -> target.hungArrivals() > arrivedBefore, GENEROUS, "the request to reach the target");

            long closedAt = System.nanoTime();
            user.close();
            RequestOutcome outcome = blocked.get(5, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - closedAt);

            assertNotNull(outcome.error(), () -> "outcome " + outcome);
            assertEquals(0, outcome.status());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "send returned " + took + " after close");
        }
    }

    @Test
    void sendOnAClosedSessionFailsWithoutThrowing() {
        TransportSession user = session();
        user.close();

        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertNotNull(outcome.error(), () -> "outcome " + outcome);
    }

    @Test
    void aMalformedStatusLineIsAProtocolErrorAtOnce() throws IOException {
        // The connection stays open: a client that skipped the line as garbage would wait for the timeout.
        try (RawTarget target = RawTarget.replyingAndHolding("HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nok", rawTls())) {
            long start = System.nanoTime();
            RequestOutcome outcome = session(target.base(), GENEROUS, tls()).send(RequestSpec.of(HttpMethod.GET, "/"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(ErrorKind.PROTOCOL_ERROR, outcome.error(), () -> "outcome " + outcome);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took + " of a " + GENEROUS + " timeout");
        }
    }

    @Test
    void aRefusedConnectIsDescribedShortlyNamingWhereItWent() {
        try (RefusingPort closed = new RefusingPort()) {
            int port = closed.port();
            RequestOutcome outcome = session(URI.create(httpBase.getScheme() + "://127.0.0.1:" + port), GENEROUS, tls())
                    .send(RequestSpec.of(HttpMethod.GET, "/"));

            assertNotNull(outcome.detail(), () -> "outcome " + outcome);
            assertTrue(outcome.detail().contains("127.0.0.1:" + port), outcome.detail());
            assertTrue(outcome.detail().length() <= 200, outcome.detail());
            assertFalse(outcome.detail().contains("\n") || outcome.detail().contains("\tat "), outcome.detail());
        }
    }

    /**
     * Connects to a listener that never accepts until a connect stays pending (Linux then drops further
     * SYNs), keeping the connections that got in open. False if no connect ever stayed pending.
     */
    private static boolean fillAcceptQueue(ServerSocket listener, List<Socket> queued) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket probe = new Socket();
            try {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                queued.add(probe);
            } catch (SocketTimeoutException pending) {
                probe.close();
                return true;
            } catch (IOException refused) {
                probe.close();
                return false;
            }
        }
        return false;
    }
}
