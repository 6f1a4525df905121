package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link LoadTransport} must show, checked against real targets on loopback.
 * Subclass it once per transport and return a fresh transport from {@link #newTransport()}; each test gets
 * its own and closes it afterwards, together with every session the test opened.
 *
 * <p>What is checked, and nothing about how: requests arrive exactly as configured (method, path,
 * headers in order including repeated names, URL-encoded query that decodes back exactly, body bytes), and a
 * path never names another host; cookies stay with the user that received them; redirects are followed only
 * when the request allows it, and only to hosts on the session's target allow-list; failures come back as the
 * right {@link ErrorKind} and never as exceptions ({@link TransportFailureContract}), also from servers that
 * misbehave on purpose ({@link TransportAbuseContract}); a send captures what it asks for of the final response
 * and keeps nothing of a request that is not reusable ({@link TransportCaptureContract}); a status the request
 * does not count as success is described with the start of its body; byte counts cover the request and
 * response on the wire and are per request on a kept-alive connection; bodies are consumed fully so
 * connections are reused; closing a session from another thread abandons a blocked send; TLS verification
 * follows {@code tls.verify} and {@code tls.ca_bundle}.
 *
 * <p>Targets: see {@link TransportContractSupport}.
 */
public abstract class TransportContract extends TransportCaptureContract {
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
        ContractHttpTarget.Recorded r = recordedAt(path);
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

        com.sun.net.httpserver.Headers arrived = recordedAt(path).headers();
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

        ContractHttpTarget.Recorded r = recordedAt(path);
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

        ContractHttpTarget.Recorded r = recordedAt(path);
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
        TransportSession user = session(URI.create(httpBase + "/echo"), GENEROUS, tls());

        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, "/" + token)));

        assertEquals("/echo/" + token, recordedAt("/echo/" + token).rawPath());
    }

    @Test
    void aTrailingSlashOnTheBaseUrlDoesNotDoubleTheSlash() {
        String path = "/echo/" + token();
        TransportSession user = session(URI.create(httpBase + "/"), GENEROUS, tls());

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

        assertTrue(target.saw("/redirect/" + token));
        assertFalse(target.saw("/echo/" + token + "-final"), "the redirect must not be followed");
    }

    // ---- what an answer says -----------------------------------------------------------------------------

    @Test
    void anErrorStatusIsDescribedWithTheStartOfItsBody() {
        RequestOutcome outcome = session().send(RequestSpec.of(HttpMethod.GET, "/status/500/" + token()));

        assertAnswered(500, outcome);
        assertEquals("HTTP 500: boom", outcome.detail());
    }

    @Test
    void aStatusTheRequestDoesNotExpectIsDescribedWithTheStartOfItsBody() {
        RequestSpec expectCreated = new RequestSpec(HttpMethod.GET, "/echo/" + token(), List.of(), List.of(), null,
                false, List.of(201));

        RequestOutcome outcome = session().send(expectCreated);

        assertAnswered(200, outcome);
        assertEquals("HTTP 200: ok", outcome.detail());
    }

    @Test
    void aSuccessfulAnswerCarriesNoDescription() {
        RequestOutcome outcome = session().send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertAnswered(200, outcome);
        assertNull(outcome.detail());
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
        ContractHttpTarget.Recorded r = recordedAt(path);
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
}
