package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpServer;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The fixture of the {@link TransportContract}: the targets (all on loopback), a fresh transport per test,
 * and the sessions a test opens, closed after it. Subclass {@link TransportContract}, not this.
 *
 * <p>Targets: the {@link ContractHttpTarget}; an "other host" — a second server bound to what
 * {@code localhost} resolves to, so that it is the same loopback interface under a host name that an
 * allow-list of {@code 127.0.0.1} alone does not hold — which counts every request it gets; and
 * {@link RawTarget}s a test makes with {@link #raw}, closed after the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class TransportContractSupport {
    static final Duration GENEROUS = Duration.ofSeconds(10);
    static final String STATUS_LINE_200 = "HTTP/1.1 200 OK\r\n";

    /** A fresh transport with room for at least 16 concurrent connections. */
    protected abstract LoadTransport newTransport();

    /**
     * Whether the whole contract runs over HTTPS: the main target, the raw targets and every session then
     * speak TLS (trusting the targets' certificate through {@code tls.ca_bundle}), and each test checks over
     * TLS what it checks over plain HTTP. Override to return true in a second subclass per transport.
     */
    protected boolean overTls() {
        return false;
    }

    ContractHttpTarget target;
    URI httpBase;
    private HttpServer otherHost;
    final AtomicInteger otherHostRequests = new AtomicInteger();
    private LoadTransport transport;
    private final List<TransportSession> sessions = new CopyOnWriteArrayList<>();
    private final List<RawTarget> raws = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTargets() throws IOException {
        target = new ContractHttpTarget(overTls());
        httpBase = target.base();
        otherHost = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 16);
        otherHost.createContext("/", exchange -> {
            try (exchange) {
                otherHostRequests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write(new byte[] {'o', 'k'});
            }
        });
        otherHost.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        otherHost.start();
    }

    @AfterAll
    void stopTargets() {
        target.close();
        otherHost.stop(0);
    }

    @BeforeEach
    void openTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeTransport() throws IOException {
        sessions.forEach(TransportSession::close);
        sessions.clear();
        transport.close();
        for (RawTarget raw : raws) {
            raw.close();
        }
        raws.clear();
    }

    /** A session on the plain HTTP target with a generous timeout. */
    protected final TransportSession session() {
        return session(httpBase, GENEROUS, tls());
    }

    /** The TLS settings sessions use: the defaults, or over TLS trust in the targets' certificate. */
    final TlsSpec tls() {
        return target.caBundle() == null ? TlsSpec.defaults() : new TlsSpec(true, target.caBundle().toString());
    }

    /** What raw targets serve TLS with: null when the contract runs over plain HTTP. */
    final javax.net.ssl.SSLContext rawTls() {
        return target.serverContext();
    }

    protected final TransportSession session(URI base, Duration timeout, TlsSpec tls) {
        return session(new SessionOptions(base, timeout, tls, sessions.size(), TargetAllowList.anyHost(),
                RunConfig.DEFAULT_MAX_RESPONSE_BYTES));
    }

    protected final TransportSession session(SessionOptions options) {
        TransportSession session = transport.openSession(options);
        sessions.add(session);
        return session;
    }

    /** Options for {@code base}: the contract's TLS settings ({@link #tls()}), any redirect target, the default body limit. */
    final SessionOptions options(URI base, Duration timeout) {
        return new SessionOptions(base, timeout, tls(), sessions.size(), TargetAllowList.anyHost(),
                RunConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** The port of the "other host" (reachable as {@code localhost}). */
    final int otherHostPort() {
        return otherHost.getAddress().getPort();
    }

    /** A raw target, closed after the test. */
    final RawTarget raw(RawTarget.Conversation conversation) throws IOException {
        return keep(new RawTarget(conversation, rawTls()));
    }

    final RawTarget keep(RawTarget raw) {
        raws.add(raw);
        return raw;
    }

    static void assertAnswered(int status, RequestOutcome outcome) {
        assertNull(outcome.error(), () -> "expected an answer, got " + outcome);
        assertEquals(status, outcome.status(), () -> "outcome " + outcome);
    }

    ContractHttpTarget.Recorded recordedAt(String path) {
        ContractHttpTarget.Recorded r = target.recorded(path);
        assertNotNull(r, () -> "the target never saw " + path);
        return r;
    }

    static String token() {
        return UUID.randomUUID().toString();
    }

    /** Requests as the engine counts them: each outcome, and each attempt a closed connection made it repeat. */
    static long engineCount(List<RequestOutcome> outcomes) {
        return outcomes.stream().mapToLong(o -> 1 + o.closedAttempts()).sum();
    }
}
