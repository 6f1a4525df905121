package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a loop session follows redirects to other origins, plain and HTTPS, and counts every hop. */
class LeanLoopSessionRedirectTest extends LeanLoopSessionFixture {
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
}
