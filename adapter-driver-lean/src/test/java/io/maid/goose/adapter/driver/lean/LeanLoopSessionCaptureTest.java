package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a loop send keeps: the encoded requests it caches, and the response parts it was asked to capture. */
class LeanLoopSessionCaptureTest extends LeanLoopSessionFixture {
    @Test
    void tenThousandDistinctRequestsThatAreNotReusableLeaveNothingEncodedBehind() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LeanLoopSession user = (LeanLoopSession) driver.open(target.base(), Duration.ofSeconds(5));
        SendOptions rendered = new SendOptions(false, false, 0);

        List<RequestOutcome> outcomes = chain(user, i -> RequestSpec.of(HttpMethod.GET, "/item/" + i), rendered, 10_000, o -> { });

        outcomes.forEach(LeanLoopSessionFixture::assertAnswered);
        assertEquals(10_000, target.requests.get());
        assertEquals("GET /item/9999 HTTP/1.1", target.seen.get(9_999).head().split("\r\n")[0]);
        assertArrayEquals(new int[] {0, 0}, driver.onLoop(user::cachedRequests), "kept by the session, shared by its encoder");
        chain(user, GET, 3, o -> { }).forEach(LeanLoopSessionFixture::assertAnswered);
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
}
