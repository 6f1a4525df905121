package io.maid.goose.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link LoadTransport} must show, checked against real targets on 127.0.0.1.
 * Subclass it once per transport and return a fresh transport from {@link #newTransport()}; each test gets
 * its own and closes it afterwards, together with every session the test opened.
 *
 * <p>What is checked, and nothing about how: requests arrive exactly as configured (method, path,
 * headers in order including repeated names, URL-encoded query that decodes back exactly, body bytes);
 * cookies stay with the user that received them; redirects are followed only when the request allows it;
 * failures come back as the right {@link ErrorKind} and never as exceptions; byte counts cover the request
 * and response on the wire and are per request on a kept-alive connection; bodies are consumed fully so
 * connections are reused; closing a session from another thread abandons a blocked send; TLS verification
 * follows {@code tls.verify} and {@code tls.ca_bundle}.
 *
 * <p>Targets: one JDK {@link HttpServer} per test class (with the remote port of every exchange recorded,
 * which is how connection reuse is observed), a raw socket target for malformed answers, and an
 * {@link HttpsServer} with a self-signed certificate that the JDK's {@code keytool} generates on first use.
 * The connect-timeout test relies on the OS leaving connects to a full accept queue pending (Linux does);
 * where the OS refuses them instead, that one test is skipped, not passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class TransportContract {
    /** A fresh transport with room for at least 16 concurrent connections. */
    protected abstract LoadTransport newTransport();

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final String STATUS_LINE_200 = "HTTP/1.1 200 OK\r\n";

    private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();
    private final AtomicInteger hungArrivals = new AtomicInteger();
    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private ExecutorService serverThreads;
    private HttpServer http;
    private URI httpBase;
    private HttpsTarget https;

    private LoadTransport transport;
    private final List<TransportSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTarget() throws IOException {
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        route(http);
        http.setExecutor(serverThreads);
        http.start();
        httpBase = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @AfterAll
    void stopTarget() {
        releaseHung.countDown();
        http.stop(0);
        if (https != null) {
            https.stop();
        }
        serverThreads.shutdownNow();
    }

    @BeforeEach
    void openTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeTransport() {
        sessions.forEach(TransportSession::close);
        sessions.clear();
        transport.close();
    }

    // ---- requests arrive as configured ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(HttpMethod.class)
    void everyMethodArrivesWithItsName(HttpMethod method) {
        String path = "/echo/" + token();
        boolean withBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        RequestSpec spec = new RequestSpec(method, path, List.of(), List.of(), withBody ? "payload" : null,
                false, List.of());

        RequestOutcome outcome = session().send(spec);

        assertAnswered(200, outcome);
        Recorded r = recordedAt(path);
        assertEquals(method.name(), r.method());
        assertArrayEquals(withBody ? "payload".getBytes(StandardCharsets.UTF_8) : new byte[0], r.body());
    }

    @Test
    void headersArriveInOrderWithRepeatedNamesKeptApart() {
        String path = "/echo/" + token();
        List<NameValue> headers = List.of(
                new NameValue("X-Single", "one value"),
                new NameValue("X-Multi", "first"),
                new NameValue("Accept", "application/json"),
                new NameValue("X-Multi", "second"),
                new NameValue("X-Multi", "third, with comma"));

        assertAnswered(200, session().send(new RequestSpec(HttpMethod.GET, path, headers, List.of(), null, false, List.of())));

        Headers arrived = recordedAt(path).headers();
        assertEquals(List.of("one value"), arrived.get("X-Single"));
        assertEquals(List.of("first", "second", "third, with comma"), arrived.get("X-Multi"));
        assertEquals(List.of("application/json"), arrived.get("Accept"));
    }

    @Test
    void queryIsUrlEncodedInOrderAndDecodesBackExactly() {
        String path = "/echo/" + token();
        List<NameValue> query = List.of(
                new NameValue("q", "two words"),
                new NameValue("amp", "a&b=c"),
                new NameValue("uni", "ünïcødé ✓ 日本"),
                new NameValue("plus", "1+1"),
                new NameValue("pct", "100%"),
                new NameValue("empty", ""),
                new NameValue("name with space", "x"),
                new NameValue("q", "repeated"));

        assertAnswered(200, session().send(new RequestSpec(HttpMethod.GET, path, List.of(), query, null, false, List.of())));

        Recorded r = recordedAt(path);
        assertEquals(path, r.rawPath(), "the path must not carry the query");
        assertTrue(r.rawQuery().chars().allMatch(c -> c > ' ' && c < 0x7f), "raw query must be URL-encoded ASCII: " + r.rawQuery());
        assertEquals(query, decodeQuery(r.rawQuery()));
    }

    @Test
    void requestWithoutQuerySendsNoQueryString() {
        String path = "/echo/" + token();

        assertAnswered(200, session().send(RequestSpec.of(HttpMethod.GET, path)));

        assertNull(recordedAt(path).rawQuery());
    }

    @Test
    void postBodyBytesAndContentTypeArriveExactly() {
        String path = "/echo/" + token();
        String body = "{\"name\":\"gøøse ✓\",\"n\":1,\"blank\":\"  \"}\n";
        List<NameValue> headers = List.of(new NameValue("Content-Type", "application/json; charset=utf-8"));

        assertAnswered(200, session().send(new RequestSpec(HttpMethod.POST, path, headers, List.of(), body, false, List.of())));

        Recorded r = recordedAt(path);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), r.body());
        assertEquals(List.of("application/json; charset=utf-8"), r.headers().get("Content-Type"));
    }

    @Test
    void headRequestIsAnsweredAndTheConnectionStaysUsable() {
        TransportSession user = session();
        String head = "/bytes/4096/" + token();
        String next = "/echo/" + token();

        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.HEAD, head)));
        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, next)));

        assertEquals("HEAD", recordedAt(head).method());
        assertEquals(recordedAt(head).remotePort(), recordedAt(next).remotePort(), "HEAD must leave the connection reusable");
    }

    @Test
    void pathsAreAppendedToTheBaseUrlPath() {
        String token = token();
        TransportSession user = session(URI.create(httpBase + "/echo"), GENEROUS, TlsSpec.defaults());

        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, "/" + token)));

        assertEquals("/echo/" + token, recordedAt("/echo/" + token).rawPath());
    }

    @Test
    void aTrailingSlashOnTheBaseUrlDoesNotDoubleTheSlash() {
        String path = "/echo/" + token();
        TransportSession user = session(URI.create(httpBase + "/"), GENEROUS, TlsSpec.defaults());

        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, path)));

        assertEquals(path, recordedAt(path).rawPath());
    }

    // ---- cookies ----------------------------------------------------------------------------------------

    @Test
    void cookiesSetForOneUserAreSentBackOnlyByThatUser() {
        String value = token();
        TransportSession alice = session();
        TransportSession bob = session();
        String aliceLater = "/echo/" + token();
        String bobLater = "/echo/" + token();

        assertAnswered(200, alice.send(RequestSpec.of(HttpMethod.GET, "/cookie/set/" + value)));
        assertAnswered(200, alice.send(RequestSpec.of(HttpMethod.GET, aliceLater)));
        assertAnswered(200, bob.send(RequestSpec.of(HttpMethod.GET, bobLater)));

        assertEquals(List.of("goose_user=" + value), recordedAt(aliceLater).cookies());
        assertEquals(List.of(), recordedAt(bobLater).cookies());
    }

    @Test
    void concurrentUsersEachKeepOnlyTheirOwnCookie() throws Exception {
        int users = 8;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> checks = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                TransportSession user = session();
                checks.add(pool.submit(() -> {
                    String value = token();
                    assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, "/cookie/set/" + value)));
                    for (int i = 0; i < 4; i++) {
                        String later = "/echo/" + token();
                        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, later)));
                        assertEquals(List.of("goose_user=" + value), recordedAt(later).cookies());
                    }
                    return value;
                }));
            }
            Set<String> values = new HashSet<>();
            for (Future<String> check : checks) {
                values.add(check.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(users, values.size());
        }
    }

    // ---- redirects --------------------------------------------------------------------------------------

    @Test
    void redirectIsFollowedWhenAllowed() {
        String token = token();
        RequestSpec spec = new RequestSpec(HttpMethod.GET, "/redirect/" + token, List.of(), List.of(), null, true, List.of());

        assertAnswered(200, session().send(spec));

        assertEquals("GET", recordedAt("/echo/" + token + "-final").method());
    }

    @Test
    void redirectIsTheMeasuredAnswerWhenNotAllowed() {
        String token = token();

        assertAnswered(302, session().send(RequestSpec.of(HttpMethod.GET, "/redirect/" + token)));

        assertTrue(recorded.containsKey("/redirect/" + token));
        assertFalse(recorded.containsKey("/echo/" + token + "-final"), "the redirect must not be followed");
    }

    // ---- failures ---------------------------------------------------------------------------------------

    @Test
    void unansweredRequestFailsWithResponseTimeoutAfterAboutTheTimeout() {
        Duration timeout = Duration.ofMillis(400);
        TransportSession user = session(httpBase, timeout, TlsSpec.defaults());

        long start = System.nanoTime();
        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/hang/" + token()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ErrorKind.RESPONSE_TIMEOUT, outcome.error(), () -> "outcome " + outcome);
        assertEquals(0, outcome.status());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "gave up too early: " + took);
        assertTrue(took.compareTo(timeout.plusMillis(1500)) <= 0, "gave up too late: " + took);
    }

    @Test
    void closedPortFailsWithConnectRefused() throws IOException {
        int port;
        try (ServerSocket bound = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = bound.getLocalPort();
        }
        TransportSession user = session(URI.create("http://127.0.0.1:" + port), GENEROUS, TlsSpec.defaults());

        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/"));

        assertEquals(ErrorKind.CONNECT_REFUSED, outcome.error(), () -> "outcome " + outcome);
        assertEquals(0, outcome.status());
    }

    @Test
    void connectThatNeverCompletesIsAConnectTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                assumeTrue(fillAcceptQueue(full, queued),
                        "this OS refuses connections to a full accept queue instead of leaving them pending");
                Duration timeout = Duration.ofMillis(400);
                TransportSession user = session(URI.create("http://127.0.0.1:" + full.getLocalPort()), timeout, TlsSpec.defaults());

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
        try (RawTarget silent = new RawTarget("")) {
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
        try (RawTarget target = new RawTarget("SSH-2.0-OpenSSH_9.6 not http at all\r\n\r\n")) {
            RequestOutcome outcome = session(target.base(), GENEROUS, TlsSpec.defaults()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.PROTOCOL_ERROR, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void connectionClosedWithoutAnswerIsAConnectionReset() throws IOException {
        try (RawTarget target = new RawTarget("")) {
            RequestOutcome outcome = session(target.base(), GENEROUS, TlsSpec.defaults()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.CONNECTION_RESET, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void bodyCutShortIsAConnectionReset() throws IOException {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a few bytes";
        try (RawTarget target = new RawTarget(cut)) {
            RequestOutcome outcome = session(target.base(), GENEROUS, TlsSpec.defaults()).send(RequestSpec.of(HttpMethod.GET, "/"));

            assertEquals(ErrorKind.CONNECTION_RESET, outcome.error(), () -> "outcome " + outcome);
        }
    }

    @Test
    void closingTheSessionFromAnotherThreadEndsABlockedSendPromptly() throws Exception {
        TransportSession user = session(httpBase, Duration.ofSeconds(20), TlsSpec.defaults());
        int arrivedBefore = hungArrivals.get();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RequestOutcome> blocked = pool.submit(() -> user.send(RequestSpec.of(HttpMethod.GET, "/hang/" + token())));
            Await.until(() -> hungArrivals.get() > arrivedBefore, GENEROUS, "the request to reach the target");

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

    // ---- bytes, bodies and connections -----------------------------------------------------------------

    @Test
    void byteCountsCoverRequestLineHeadersAndBodies() {
        int responseSize = 5000;
        String path = "/bytes/" + responseSize + "/" + token();
        List<NameValue> headers = List.of(new NameValue("X-Padding", "p".repeat(300)), new NameValue("Content-Type", "text/plain"));
        List<NameValue> query = List.of(new NameValue("k", "v w"));
        String body = "b".repeat(2000);

        RequestOutcome outcome = session().send(new RequestSpec(HttpMethod.POST, path, headers, query, body, false, List.of()));

        assertAnswered(200, outcome);
        Recorded r = recordedAt(path);
        long requestLine = ("POST " + r.rawPath() + "?" + r.rawQuery() + " HTTP/1.1\r\n").length();
        long headerBytes = headers.stream().mapToLong(h -> h.name().length() + 2 + h.value().length() + 2).sum() + 2;
        assertTrue(outcome.bytesSent() >= requestLine + headerBytes + body.length(), () -> "bytesSent " + outcome.bytesSent());
        assertTrue(outcome.bytesReceived() >= STATUS_LINE_200.length() + responseSize, () -> "bytesReceived " + outcome.bytesReceived());
    }

    @Test
    void byteCountsArePerRequestOnAKeptAliveConnection() {
        TransportSession user = session();
        String big = "/bytes/200000/" + token();
        String small = "/bytes/10/" + token();

        RequestOutcome first = user.send(RequestSpec.of(HttpMethod.GET, big));
        RequestOutcome second = user.send(RequestSpec.of(HttpMethod.GET, small));

        assertAnswered(200, first);
        assertAnswered(200, second);
        assertEquals(recordedAt(big).remotePort(), recordedAt(small).remotePort(), "expected one kept-alive connection");
        assertTrue(first.bytesReceived() >= 200_000, () -> "first " + first);
        assertTrue(second.bytesReceived() >= STATUS_LINE_200.length() + 10, () -> "second " + second);
        assertTrue(second.bytesReceived() < 10_000, () -> "second request counted earlier bytes: " + second);
        assertTrue(second.bytesSent() < 10_000, () -> "second request counted earlier bytes: " + second);
    }

    @Test
    void concurrentUsersEachCountOnlyTheirOwnBytes() throws Exception {
        int users = 6;
        int overhead = 2048;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> checks = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                TransportSession user = session();
                int size = 20_000 * (u + 1);
                checks.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, "/bytes/" + size + "/" + token()));
                        assertAnswered(200, outcome);
                        assertTrue(outcome.bytesReceived() >= STATUS_LINE_200.length() + size
                                && outcome.bytesReceived() < size + overhead, () -> size + "-byte body counted as " + outcome);
                        assertTrue(outcome.bytesSent() > 0 && outcome.bytesSent() < overhead, () -> "request counted as " + outcome);
                    }
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void chunkedResponseIsReadFullyAndTheConnectionReused() {
        TransportSession user = session();
        String chunked = "/chunked/300000/" + token();
        String next = "/echo/" + token();

        RequestOutcome outcome = user.send(RequestSpec.of(HttpMethod.GET, chunked));
        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, next)));

        assertAnswered(200, outcome);
        assertTrue(outcome.bytesReceived() >= 300_000, () -> "outcome " + outcome);
        assertEquals(recordedAt(chunked).remotePort(), recordedAt(next).remotePort());
    }

    @Test
    void largeBodyIsConsumedFully() {
        int size = 1 << 20;
        String path = "/bytes/" + size + "/" + token();

        RequestOutcome outcome = session().send(RequestSpec.of(HttpMethod.GET, path));

        assertAnswered(200, outcome);
        assertTrue(outcome.bytesReceived() >= STATUS_LINE_200.length() + size, () -> "outcome " + outcome);
        Await.until(() -> recordedAt(path).completed(), GENEROUS, "the target to finish writing the body");
    }

    @Test
    void sequentialRequestsOnOneSessionReuseOneConnection() {
        TransportSession user = session();
        Set<Integer> ports = new HashSet<>();

        for (int i = 0; i < 6; i++) {
            String path = "/echo/" + token();
            assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, path)));
            ports.add(recordedAt(path).remotePort());
        }

        assertEquals(1, ports.size(), () -> "client ports seen by the target: " + ports);
    }

    // ---- TLS --------------------------------------------------------------------------------------------

    @Test
    void tlsWithVerificationRejectsAnUntrustedCertificate() {
        RequestOutcome outcome = session(https().base(), GENEROUS, new TlsSpec(true, null)).send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertEquals(ErrorKind.PROTOCOL_ERROR, outcome.error(), () -> "outcome " + outcome);
    }

    @Test
    void tlsWithoutVerificationAcceptsAnUntrustedCertificate() {
        String path = "/echo/" + token();

        assertAnswered(200, session(https().base(), GENEROUS, new TlsSpec(false, null)).send(RequestSpec.of(HttpMethod.GET, path)));

        assertEquals("GET", recordedAt(path).method());
    }

    @Test
    void tlsCaBundleTrustsTheCertificateItHolds() {
        String path = "/echo/" + token();
        TlsSpec tls = new TlsSpec(true, https().caBundle().toString());

        assertAnswered(200, session(https().base(), GENEROUS, tls).send(RequestSpec.of(HttpMethod.GET, path)));

        assertEquals("GET", recordedAt(path).method());
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A session on the plain HTTP target with a generous timeout. */
    protected final TransportSession session() {
        return session(httpBase, GENEROUS, TlsSpec.defaults());
    }

    protected final TransportSession session(URI base, Duration timeout, TlsSpec tls) {
        TransportSession session = transport.openSession(new SessionOptions(base, timeout, tls, sessions.size()));
        sessions.add(session);
        return session;
    }

    private static void assertAnswered(int status, RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "expected an answer, got " + outcome);
        assertEquals(status, outcome.status(), () -> "outcome " + outcome);
    }

    private Recorded recordedAt(String path) {
        Recorded r = recorded.get(path);
        assertNotNull(r, () -> "the target never saw " + path);
        return r;
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

    private static String token() {
        return UUID.randomUUID().toString();
    }

    private static List<NameValue> decodeQuery(String rawQuery) {
        List<NameValue> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new NameValue(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return pairs;
    }

    /** What the target saw of one request, keyed by its raw path (every test uses unique paths). */
    private record Recorded(String method, String rawPath, String rawQuery, Headers headers, byte[] body,
                            int remotePort, CountDownLatch done) {
        List<String> cookies() {
            List<String> cookies = new ArrayList<>();
            for (String header : headers.getOrDefault("Cookie", List.of())) {
                for (String cookie : header.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            }
            return cookies;
        }

        boolean completed() {
            return done.getCount() == 0;
        }
    }

    private void route(HttpServer server) {
        server.createContext("/echo/", recording((ex, r) -> respond(ex, 200, "ok".getBytes(StandardCharsets.US_ASCII))));
        server.createContext("/status/500/", recording((ex, r) -> respond(ex, 500, "boom".getBytes(StandardCharsets.US_ASCII))));
        server.createContext("/cookie/set/", recording((ex, r) -> {
            String value = r.rawPath().substring("/cookie/set/".length());
            ex.getResponseHeaders().add("Set-Cookie", "goose_user=" + value + "; Path=/");
            respond(ex, 200, "set".getBytes(StandardCharsets.US_ASCII));
        }));
        server.createContext("/redirect/", recording((ex, r) -> {
            ex.getResponseHeaders().add("Location", "/echo/" + r.rawPath().substring("/redirect/".length()) + "-final");
            ex.sendResponseHeaders(302, -1);
        }));
        server.createContext("/bytes/", recording((ex, r) -> {
            int size = Integer.parseInt(r.rawPath().split("/")[2]);
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            respond(ex, 200, body);
        }));
        server.createContext("/chunked/", recording((ex, r) -> {
            int size = Integer.parseInt(r.rawPath().split("/")[2]);
            ex.sendResponseHeaders(200, 0);
            byte[] piece = new byte[8192];
            Arrays.fill(piece, (byte) 'c');
            try (OutputStream out = ex.getResponseBody()) {
                for (int left = size; left > 0; left -= piece.length) {
                    out.write(piece, 0, Math.min(left, piece.length));
                    out.flush();
                }
            }
        }));
        server.createContext("/hang/", recording((ex, r) -> {
            hungArrivals.incrementAndGet();
            try {
                releaseHung.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, new byte[0]);
        }));
    }

    private interface Responder {
        void respond(HttpExchange exchange, Recorded recorded) throws IOException;
    }

    private HttpHandler recording(Responder responder) {
        return exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Headers headers = new Headers();
                headers.putAll(exchange.getRequestHeaders());
                URI uri = exchange.getRequestURI();
                Recorded r = new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                        body, exchange.getRemoteAddress().getPort(), new CountDownLatch(1));
                recorded.put(r.rawPath(), r);
                try {
                    responder.respond(exchange, r);
                } finally {
                    r.done().countDown();
                }
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpsTarget https() {
        if (https == null) {
            https = new HttpsTarget();
        }
        return https;
    }

    /** An HTTPS twin of the plain target, with a fresh self-signed certificate for 127.0.0.1 and localhost. */
    private final class HttpsTarget {
        private final SelfSignedCertificate certificate = new SelfSignedCertificate();
        private final HttpsServer server;

        HttpsTarget() {
            try {
                server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            } catch (IOException e) {
                certificate.close();
                throw new UncheckedIOException(e);
            }
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            route(server);
            server.setExecutor(serverThreads);
            server.start();
        }

        URI base() {
            return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        }

        Path caBundle() {
            return certificate.caBundle();
        }

        void stop() {
            server.stop(0);
            certificate.close();
        }
    }

    /**
     * A target that reads one request head per connection, writes a fixed reply (possibly nothing, possibly
     * not HTTP) and closes the connection.
     */
    private static final class RawTarget implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        RawTarget(String reply) throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        readHead(connection.getInputStream());
                        connection.getOutputStream().write(bytes);
                        connection.getOutputStream().flush();
                    } catch (IOException closedOrReset) {
                        // the listener was closed, or the client went away: either way, next connection
                    }
                }
            });
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
