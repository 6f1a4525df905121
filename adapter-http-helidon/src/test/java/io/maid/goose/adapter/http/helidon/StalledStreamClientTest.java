package io.maid.goose.adapter.http.helidon;

import io.maid.goose.testkit.Await;
import io.maid.goose.adapter.http.helidon.stream.StreamStats;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that completes the handshake and then never reads, so TCP backpressure really builds up: the
 * engine's callback never waits, the healthy client still gets every envelope promptly, the stalled
 * session's queue stays bounded (the oldest messages are dropped), and the stalled session is closed.
 */
class StalledStreamClientTest {
    static final int CAPACITY = 32;
    // long enough that a loaded machine emits the batches before the stall timer closes the session
    static final Duration STALL = Duration.ofSeconds(4);
    // emitting goes on until the stalled client's queue overflows; the bound only keeps a broken build finite
    static final int MAX_BATCHES = 400;
    static final int PER_BATCH = 8;
    static final String BIG = "x".repeat(64 * 1024);
    ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(c -> ApiHarness.withStream(c, CAPACITY, STALL));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aStalledClientHoldsNothingBackAndIsClosed() throws Exception {
        String url = api.server.baseUrl().replace("http://", "ws://") + "/stream";
        try (WsCollector healthy = WsCollector.connect(url, "x-api-key", ApiHarness.RO_KEY)) {
            healthy.next(Duration.ofSeconds(5));
            long healthyId = api.server.streamStats().perSession().get(0).id();
            try (RawHttp stalled = RawHttp.upgrade(api.server.port(), "/api/goose/stream",
                    Map.of("x-api-key", ApiHarness.RO_KEY), 4096)) {
                assertEquals(101, stalled.status);
                Await.until(() -> api.server.streamStats().sessions() == 2, Duration.ofSeconds(5),
                        () -> api.server.streamStats().toString());

                long slowestEmitNanos = 0;
                int emitted = 0;
                int maxStalledQueue = 0;
                // The kernel's buffers (their size differs between machines) take the first megabytes, so how many
                // batches it takes before the stalled client's writer blocks is not fixed: emit batches until it is
                // in a write with messages queued behind it, then batches larger than its queue. A write seen in
                // progress may still be draining into the kernel, so one such burst need not overflow: the bursts
                // go on until the stalled client's queue has dropped its oldest, or its session is gone.
                boolean burst = false;
                boolean overflowed = false;
                for (int batch = 0; batch < MAX_BATCHES && !overflowed; batch++) {
                    boolean blocked = stalledWriterBlocked(healthyId);
                    burst |= blocked;
                    int size = blocked ? CAPACITY + PER_BATCH : PER_BATCH;
                    for (int i = 0; i < size; i++) {
                        long t0 = System.nanoTime();
                        api.engine.emit(new LogEvent("r", Instant.EPOCH, LogLevel.INFO, (emitted + i) + ":" + BIG));
                        slowestEmitNanos = Math.max(slowestEmitNanos, System.nanoTime() - t0);
                    }
                    for (int i = 0; i < size; i++) {
                        String message = json(healthy.next(Duration.ofSeconds(5))).get("Log").get("message").asText();
                        assertTrue(message.startsWith((emitted + i) + ":"), "healthy client lost or reordered");
                    }
                    emitted += size;
                    StreamStats now = api.server.streamStats();
                    for (StreamStats.Session s : now.perSession()) {
                        assertTrue(s.queued() <= CAPACITY, () -> "queue beyond capacity: " + s);
                        if (s.id() != healthyId) {
                            maxStalledQueue = Math.max(maxStalledQueue, s.queued());
                        }
                    }
                    overflowed = now.droppedTotal() > 0 || now.stalledClosed() > 0;
                }
                assertTrue(burst, "the stalled client's writer never blocked in " + MAX_BATCHES + " batches ("
                        + emitted + " messages): " + api.server.streamStats());
                assertTrue(slowestEmitNanos < Duration.ofMillis(500).toNanos(),
                        "the engine callback waited " + slowestEmitNanos / 1_000_000 + " ms");
                assertTrue(maxStalledQueue > 0, "the stalled client never queued anything: no backpressure built up");

                Await.until(() -> api.server.streamStats().stalledClosed() == 1, Duration.ofSeconds(20),
                        () -> api.server.streamStats().toString());
                StreamStats stats = api.server.streamStats();
                assertEquals(1, stats.sessions());
                assertEquals(healthyId, stats.perSession().get(0).id());
                assertEquals(0, stats.perSession().get(0).dropped(), "the healthy client lost messages");
                assertTrue(stats.droppedTotal() > 0, "the stalled client's oldest messages were never dropped; emitted "
                        + emitted + " messages, max stalled queue " + maxStalledQueue + "; " + stats);
                assertTrue(readsToEndOfStream(stalled.socket.getInputStream()), "the stalled socket was not closed");

                // the healthy client goes on as before
                api.engine.emit(new LogEvent("r", Instant.EPOCH, LogLevel.INFO, "after"));
                assertEquals("after", json(healthy.next(Duration.ofSeconds(5))).get("Log").get("message").asText());
            }
        }
    }

    /** The stalled client's writer is blocked in a write, with messages queued behind it. */
    private boolean stalledWriterBlocked(long healthyId) {
        return api.server.streamStats().perSession().stream()
                .anyMatch(s -> s.id() != healthyId && s.writing() && s.queued() > 0);
    }

    /** Drains what the kernel still holds; true once the server's close shows up as EOF or a reset. */
    private static boolean readsToEndOfStream(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketException reset) {
            return true;
        }
    }
}
