package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the loop's TLS codec must get right beyond the contract: requests larger than the socket, many handshakes at once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopTlsTest {
    private static final TlsSpec ANY_CERTIFICATE = new TlsSpec(false, null);
    private final LeanLoopTransport transport = new LeanLoopTransport(1);
    private HttpsTarget target;

    @AfterEach
    void close() throws IOException {
        transport.close();
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aRequestBodyOfManyRecordsGoesOutWholeAndTheConnectionStaysUsable() throws IOException {
        target = new HttpsTarget();
        TransportSession user = transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(20), ANY_CERTIFICATE, 0));
        String body = "b".repeat(4 << 20); // 256 records of 16 KiB: more than a socket takes at once

        RequestOutcome big = user.send(new RequestSpec(HttpMethod.POST, "/big", List.of(), List.of(), body, false, List.of()));
        RequestOutcome next = user.send(RequestSpec.of(HttpMethod.GET, "/next"));

        assertNull(big.error(), () -> "outcome " + big);
        assertEquals(200, big.status());
        assertEquals(List.of(4 << 20, 0), target.bodyLengths);
        assertTrue(big.bytesSent() > 4 << 20, () -> "outcome " + big);
        assertEquals(200, next.status(), () -> "outcome " + next);
        assertEquals(RequestOutcome.NO_HANDSHAKE, next.tlsHandshakeNanos(), "the second request reused the connection");
    }

    @Test
    void manyUsersShakingHandsAtOnceOnOneLoopAllGetTheirAnswer() throws Exception {
        target = new HttpsTarget();
        int users = 40;
        List<TransportSession> sessions = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            sessions.add(transport.openSession(new SessionOptions(target.base(), Duration.ofSeconds(30), ANY_CERTIFICATE, u)));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RequestOutcome>> outcomes = new ArrayList<>();
            for (TransportSession session : sessions) {
                outcomes.add(pool.submit(() -> session.send(RequestSpec.of(HttpMethod.GET, "/hello"))));
            }
            for (Future<RequestOutcome> f : outcomes) {
                RequestOutcome outcome = f.get(40, TimeUnit.SECONDS);
                assertEquals(200, outcome.status(), () -> "outcome " + outcome);
                assertTrue(outcome.tlsHandshakeNanos() > 0, () -> "each opened its own TLS connection: " + outcome);
            }
        }
        assertEquals(users, target.paths.size());
    }
}
