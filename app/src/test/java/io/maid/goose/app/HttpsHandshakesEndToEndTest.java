package io.maid.goose.app;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.adapter.driver.httpclient5.HttpClient5Transport;
import io.maid.goose.adapter.driver.lean.LeanLoopTransport;
import io.maid.goose.adapter.driver.lean.LeanTransport;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.TlsHandshakeStats;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.engine.GooseEngine;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real run over HTTPS on each transport, through the engine: the summary's TLS handshakes are the connections
 * the target accepted (each user's one, kept alive), and none is longer than the request that made it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsHandshakesEndToEndTest {
    private final SelfSignedCertificate certificate = new SelfSignedCertificate();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong requests = new AtomicLong();
    /** The client ports the target saw a request from: one per TLS connection. */
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private HttpsServer target;

    @BeforeAll
    void startTarget() throws IOException {
        target = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        target.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        target.setExecutor(threads);
        target.createContext("/", exchange -> {
            requests.incrementAndGet();
            connections.add(exchange.getRemoteAddress().getPort());
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterAll
    void stopTarget() {
        target.stop(0);
        threads.shutdownNow();
        certificate.close();
    }

    private static LoadTransport transport(String name) {
        return switch (name) {
            case "lean" -> new LeanLoopTransport(1);
            case "lean-threads" -> new LeanTransport();
            case "httpclient5" -> new HttpClient5Transport(16);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "lean-threads", "httpclient5"})
    void theHandshakesAreTheConnectionsTheTargetAccepted(String name) throws Exception {
        requests.set(0);
        connections.clear();
        RunSummary summary;
        try (LoadTransport transport = transport(name)) {
            RunConfig config = RunConfig.builder("https://127.0.0.1:" + target.getAddress().getPort())
                    .users(3).hatchRate(30).durationSeconds(600).thinkTimeSeconds(0.02)
                    .tls(new TlsSpec(true, certificate.caBundle().toString())).get("home", "/").build();
            GooseEngine engine = GooseEngine.builder().transport(transport).build();
            RunHandle run = engine.start(StartRunCommand.of(config));
            // ended by what the target saw, not by the clock: a loaded machine may take a while to open the first one
            Await.until(() -> connections.size() >= 3 && requests.get() >= 30, Duration.ofSeconds(60),
                    () -> "every user's requests: " + requests.get() + " on " + connections);
            engine.stop();
            summary = run.await();
        }
        TlsHandshakeStats handshakes = summary.tlsHandshakes();

        assertEquals(RunState.CANCELLED, summary.state(), "stopped");
        assertEquals(0, summary.total().failures(), () -> summary.total().errorSamples().toString());
        assertEquals(requests.get(), summary.total().count());
        assertEquals(connections.size(), handshakes.count(), "one handshake per connection the target saw");
        assertTrue(handshakes.count() >= 3, () -> "each user opened its own: " + handshakes + ", " + summary.total().count()
                + " requests, the target saw " + requests.get() + " on " + connections);
        assertTrue(handshakes.latency().p50Ms() > 0, handshakes::toString);
        assertTrue(handshakes.latency().maxMs() <= summary.total().allLatency().maxMs(),
                () -> "a handshake is part of its request's latency: " + handshakes + " vs " + summary.total().allLatency());
    }
}
