package io.maid.goose.testkit;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The part of the {@link TransportContract} about what a send keeps ({@link SendOptions}): what it asked to
 * capture of the response, of the final response only, and nothing more — no copy of anything when it asked for
 * nothing, nothing of a request that is not reusable once its send returned. Subclass {@link TransportContract},
 * not this.
 *
 * <p>Most targets here are {@link RawTarget}s, so that the bytes on the wire (header order, chunking, framing)
 * are exactly what the test says; they keep every connection open for the next request.
 */
public abstract class TransportCaptureContract extends TransportFailureContract {
    private static final SendOptions HEADERS_AND_BODY = new SendOptions(true, true, 64 * 1024);
    private static final String TWO_HEADS = "HTTP/1.1 200 OK\r\nX-B: 1\r\nSet-Cookie: a=1; Path=/\r\nX-A:  two words \r\n"
            + "Set-Cookie: b=2\r\nX-B: 3\r\nContent-Length: 5\r\n\r\nhello";

    // ---- headers ----------------------------------------------------------------------------------------

    @Test
    void everyHeaderOfTheResponseIsCapturedInOrderWithRepeatedNamesKept() throws IOException {
        RawTarget target = keep(RawTarget.serving(head -> TWO_HEADS, rawTls()));

        RequestOutcome outcome = session(options(target.base(), GENEROUS)).send(GET, HEADERS_AND_BODY);

        assertAnswered(200, outcome);
        assertEquals(List.of(field("X-B", "1"), field("Set-Cookie", "a=1; Path=/"), field("X-A", "two words"),
                field("Set-Cookie", "b=2"), field("X-B", "3"), field("Content-Length", "5")), captured(outcome).headers());
        assertArrayEquals(bytes("hello"), captured(outcome).body());
    }

    @Test
    void headersAloneAreCapturedWithoutTheBody() throws IOException {
        RawTarget target = keep(RawTarget.serving(head -> TWO_HEADS, rawTls()));

        RequestOutcome outcome = session(options(target.base(), GENEROUS)).send(GET, new SendOptions(true, true, 0));

        assertEquals(6, captured(outcome).headers().size(), () -> "outcome " + outcome);
        assertArrayEquals(new byte[0], captured(outcome).body());
        assertFalse(captured(outcome).bodyTruncated());
    }

    // ---- bodies -----------------------------------------------------------------------------------------

    @Test
    void aSmallBodyIsCapturedWholeAndTheHeadersOnlyWhenAskedFor() throws IOException {
        String reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"token\":\"abc\"}\n";
        RawTarget target = keep(RawTarget.serving(head -> reply, rawTls()));

        RequestOutcome outcome = session(options(target.base(), GENEROUS)).send(GET, new SendOptions(false, false, 1024));

        assertAnswered(200, outcome);
        assertArrayEquals(bytes("{\"token\":\"abc\"}\n"), captured(outcome).body());
        assertFalse(captured(outcome).bodyTruncated());
        assertEquals(List.of(), captured(outcome).headers(), "headers were not asked for");
        assertEquals(reply.length(), outcome.bytesReceived(), "the bytes counted are the bytes on the wire");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBodyLongerThanTheLimitIsCutAtItWhileTheWholeBodyIsStillReadAndCounted(boolean chunked) throws IOException {
        String body = "0123456789".repeat(5_000);
        String reply = chunked ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks(body, 7_000) + "0\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        RawTarget target = keep(RawTarget.serving(head -> reply, rawTls()));
        TransportSession user = session(options(target.base(), GENEROUS));

        RequestOutcome cut = user.send(GET, new SendOptions(false, true, 1000));
        RequestOutcome next = user.send(GET, SendOptions.STATIC);

        assertAnswered(200, cut);
        assertArrayEquals(bytes(body.substring(0, 1000)), captured(cut).body());
        assertTrue(captured(cut).bodyTruncated(), () -> "outcome " + cut);
        assertEquals(reply.length(), cut.bytesReceived(), "the whole body is read and counted, captured or not");
        assertAnswered(200, next);
        assertEquals(reply.length(), next.bytesReceived());
        assertEquals(1, target.connections.get(), "the body was read to its end, so the connection stayed usable");
    }

    @Test
    void aBodyOfExactlyTheLimitIsWholeAndNotTruncated() throws IOException {
        RawTarget target = keep(RawTarget.serving(head -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", rawTls()));

        RequestOutcome outcome = session(options(target.base(), GENEROUS)).send(GET, new SendOptions(false, false, 5));

        assertArrayEquals(bytes("hello"), captured(outcome).body());
        assertFalse(captured(outcome).bodyTruncated());
    }

    @Test
    void aChunkedBodyIsCapturedWithoutItsFramingExtensionsOrTrailers() throws IOException {
        String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n";
        RawTarget target = keep(RawTarget.serving(head -> reply, rawTls()));

        RequestOutcome outcome = session(options(target.base(), GENEROUS)).send(GET, HEADERS_AND_BODY);

        assertAnswered(200, outcome);
        assertArrayEquals(bytes("hello world!"), captured(outcome).body());
        assertFalse(captured(outcome).bodyTruncated());
        assertEquals(reply.length(), outcome.bytesReceived());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD /", "GET /204", "GET /304"})
    void aResponseWithoutABodyCapturesItsHeadersAndAnEmptyBody(String request) throws IOException {
        RawTarget target = keep(RawTarget.serving(head -> head.startsWith("HEAD ")
                ? "HTTP/1.1 200 OK\r\nX-Kind: head\r\nContent-Length: 5\r\n\r\n"
                : head.startsWith("GET /204 ") ? "HTTP/1.1 204 No Content\r\nX-Kind: none\r\n\r\n"
                : head.startsWith("GET /304 ") ? "HTTP/1.1 304 Not Modified\r\nX-Kind: unchanged\r\nContent-Length: 5\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext", rawTls()));
        TransportSession user = session(options(target.base(), GENEROUS));
        String[] parts = request.split(" ");
        RequestSpec spec = RequestSpec.of(HttpMethod.valueOf(parts[0]), parts[1]);

        RequestOutcome outcome = user.send(spec, HEADERS_AND_BODY);
        RequestOutcome next = user.send(RequestSpec.of(HttpMethod.GET, "/next"), HEADERS_AND_BODY);

        assertNull(outcome.error(), () -> "outcome " + outcome);
        assertArrayEquals(new byte[0], captured(outcome).body());
        assertFalse(captured(outcome).bodyTruncated());
        assertEquals(1, captured(outcome).headers().stream().filter(h -> h.name().equals("X-Kind")).count(),
                () -> "headers " + captured(outcome).headers());
        assertArrayEquals(bytes("next"), captured(next).body(), "nothing of the bodiless response was read as a body");
        assertEquals(1, target.connections.get());
    }

    // ---- which response ---------------------------------------------------------------------------------

    @Test
    void aFailedStatusIsCapturedLikeAnyOtherAndStillDescribed() {
        RequestOutcome outcome = session().send(RequestSpec.of(HttpMethod.GET, "/status/500/" + token()), HEADERS_AND_BODY);

        assertAnswered(500, outcome);
        assertEquals("HTTP 500: boom", outcome.detail());
        assertArrayEquals(bytes("boom"), captured(outcome).body());
        assertTrue(captured(outcome).headers().stream()
                .anyMatch(h -> h.name().equalsIgnoreCase("Content-Length") && h.value().equals("4")),
                () -> "headers " + captured(outcome).headers());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void afterARedirectTheFinalResponseIsCaptured(boolean toAnotherOrigin) throws IOException {
        RawTarget elsewhere = keep(RawTarget.serving(head -> "HTTP/1.1 200 OK\r\nX-Hop: final\r\nContent-Length: 5\r\n\r\nfinal", rawTls()));
        String location = toAnotherOrigin ? elsewhere.base() + "/to" : "/to"; // another port: another origin
        RawTarget home = keep(RawTarget.serving(head -> head.startsWith("GET /from ")
                ? "HTTP/1.1 302 Found\r\nX-Hop: first\r\nLocation: " + location + "\r\nContent-Length: 5\r\n\r\nfirst"
                : "HTTP/1.1 200 OK\r\nX-Hop: final\r\nContent-Length: 5\r\n\r\nfinal", rawTls()));
        RequestSpec following = new RequestSpec(HttpMethod.GET, "/from", List.of(), List.of(), null, true, List.of());

        RequestOutcome outcome = session(options(home.base(), GENEROUS)).send(following, HEADERS_AND_BODY);

        assertAnswered(200, outcome);
        assertArrayEquals(bytes("final"), captured(outcome).body());
        List<NameValue> headers = captured(outcome).headers();
        assertEquals(List.of(field("X-Hop", "final")), headers.stream().filter(h -> h.name().equals("X-Hop")).toList());
        assertTrue(headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Location")), () -> "headers " + headers);
        assertEquals(toAnotherOrigin ? 1 : 2, home.requests.get());
    }

    @Test
    void aResponseIsCapturedOverTls() {
        RequestOutcome outcome = session(target.https().base(), GENEROUS, new TlsSpec(false, null))
                .send(RequestSpec.of(HttpMethod.GET, "/status/500/" + token()), HEADERS_AND_BODY);

        assertAnswered(500, outcome);
        assertArrayEquals(bytes("boom"), captured(outcome).body());
        assertFalse(captured(outcome).headers().isEmpty());
    }

    // ---- what is not kept -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSendThatCapturesNothingCarriesNoResponse(boolean reusable) {
        TransportSession user = session();
        SendOptions nothing = new SendOptions(reusable, false, 0);

        RequestOutcome ok = user.send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()), nothing);
        RequestOutcome failed = user.send(RequestSpec.of(HttpMethod.GET, "/status/500/" + token()), nothing);
        RequestOutcome plain = user.send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()));

        assertAnswered(200, ok);
        assertAnswered(500, failed);
        assertAnswered(200, plain);
        assertNull(ok.response());
        assertNull(failed.response());
        assertNull(plain.response());
        assertEquals("HTTP 500: boom", failed.detail(), "an unexpected status is still described");
    }

    @Test
    void aRequestThatIsNotReusableIsNotKeptOnceItsSendReturned() {
        TransportSession user = session();

        WeakReference<RequestSpec> rendered = sendOnce(user, new SendOptions(false, true, 1024));
        assertAnswered(200, user.send(RequestSpec.of(HttpMethod.GET, "/echo/" + token()), new SendOptions(false, false, 0)));

        Await.until(() -> {
            System.gc();
            return rendered.get() == null;
        }, GENEROUS, "the session to let go of a request rendered for one send");
    }

    /** Sends a request made here and now, and keeps no strong reference to it. */
    private static WeakReference<RequestSpec> sendOnce(TransportSession user, SendOptions options) {
        RequestSpec spec = new RequestSpec(HttpMethod.POST, "/echo/" + token(), List.of(new NameValue("X-Rendered", token())),
                List.of(new NameValue("q", token())), "{\"v\":\"" + token() + "\"}", false, List.of());
        assertAnswered(200, user.send(spec, options));
        return new WeakReference<>(spec);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");

    private static CapturedResponse captured(RequestOutcome outcome) {
        assertNotNull(outcome.response(), () -> "nothing was captured: " + outcome);
        return outcome.response();
    }

    private static NameValue field(String name, String value) {
        return new NameValue(name, value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String chunks(String body, int size) {
        StringBuilder framed = new StringBuilder();
        for (int at = 0; at < body.length(); at += size) {
            String piece = body.substring(at, Math.min(body.length(), at + size));
            framed.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        return framed.toString();
    }
}
