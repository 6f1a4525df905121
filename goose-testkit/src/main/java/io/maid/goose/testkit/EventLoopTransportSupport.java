package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fixture of the {@link EventLoopTransportContract}: the target, a fresh transport per test, the sessions a
 * test opens (closed after it), and the hooks a fake overrides. Subclass {@link EventLoopTransportContract},
 * not this.
 *
 * <p>The target is a JDK {@link HttpServer} on 127.0.0.1 that answers {@code GET /ok} with 200 and counts it,
 * and never answers {@code GET /hang} until the class is done; over TLS ({@link #overTls()}) it speaks HTTPS
 * with a fresh self-signed certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class EventLoopTransportSupport {
    /** A fresh transport with at least one loop. */
    protected abstract EventLoopTransport newTransport();

    /** The loops' notion of now, in nanoseconds; real transports run on {@link System#nanoTime()}. */
    protected long loopNanos() {
        return System.nanoTime();
    }

    /** Lets {@code amount} of loop time pass; real time passes by itself, so by default this does nothing. */
    protected void advanceLoopTime(Duration amount) {
    }

    /**
     * Whether the contract runs over HTTPS: the target then speaks TLS with a fresh self-signed certificate,
     * which every session trusts through {@code tls.ca_bundle}. Override in a second subclass per transport.
     */
    protected boolean overTls() {
        return false;
    }

    /** How many {@code /ok} requests reached the target so far. */
    protected long requestsReceived() {
        return okCount.get();
    }

    static final RequestSpec OK = get("/ok");
    static final RequestSpec HANG = get("/hang");
    static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicLong okCount = new AtomicLong();
    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private ExecutorService serverThreads;
    private HttpServer server;
    private SelfSignedCertificate certificate;
    private TlsSpec tls = TlsSpec.defaults();
    private URI base;
    EventLoopTransport transport;
    private final List<LoopSession> sessions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTarget() throws IOException {
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        if (overTls()) {
            certificate = new SelfSignedCertificate();
            HttpsServer secure = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            secure.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            server = secure;
            tls = new TlsSpec(true, certificate.caBundle().toString());
        } else {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        }
        server.createContext("/ok", exchange -> {
            okCount.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/hang", exchange -> {
            try {
                releaseHung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(serverThreads);
        server.start();
        base = URI.create((overTls() ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    void stopTarget() {
        releaseHung.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        if (certificate != null) {
            certificate.close();
        }
    }

    @BeforeEach
    void openTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeTransport() throws Exception {
        for (LoopSession s : sessions) {
            s.close();
        }
        sessions.clear();
        transport.close();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    EventLoop loop() {
        return transport.eventLoops().get(0);
    }

    LoopSession open(EventLoop loop, int user) {
        LoopSession session = loop.openSession(options(user));
        sessions.add(session);
        return session;
    }

    SessionOptions options(int user) {
        return new SessionOptions(base, Duration.ofSeconds(10), tls, user);
    }

    /** Returns once every task submitted to {@code loop} before this call has run. */
    static void awaitQuiet(EventLoop loop) {
        CountDownLatch marker = new CountDownLatch(1);
        loop.execute(marker::countDown);
        awaitLatch(marker);
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the loop did not run the task within " + WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static RequestSpec get(String path) {
        return new RequestSpec(HttpMethod.GET, path, List.of(), List.of(), null, false, List.of());
    }
}
