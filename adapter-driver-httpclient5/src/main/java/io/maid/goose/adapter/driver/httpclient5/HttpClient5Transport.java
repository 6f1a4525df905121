package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.support.http.Redirects;
import io.maid.goose.support.http.TlsSetupException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A {@link LoadTransport} on Apache HttpClient 5 (classic, blocking I/O: each virtual user's virtual thread
 * does its own socket reads and writes).
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>Connections are kept alive and pooled; a pool holds at most {@code maxConnections} connections in
 *       total and per target, so size it to the number of virtual users.</li>
 *   <li>Every session has its own cookie store: a cookie set for one user is never sent by another.</li>
 *   <li>Requests go out exactly as configured: method, path appended to the base URL's path, headers in order
 *       (repeated names kept apart), query parameters form-URL-encoded in order, body as UTF-8. The transport
 *       adds only what HTTP/1.1 needs ({@code Host}, body framing, and {@code User-Agent} /
 *       {@code Connection} when not configured); a configured {@code Content-Length} or
 *       {@code Transfer-Encoding} is dropped, because the transport frames the body itself. No
 *       {@code Accept-Encoding} is added and nothing is decompressed, so the bytes counted are the bytes on
 *       the wire.</li>
 *   <li>Redirects are followed only when the request's {@code allow_redirects} is set, at most 10 hops, and
 *       only to hosts on the session's target allow-list ({@link AllowListRedirects}): a hop elsewhere fails the
 *       request as {@link ErrorKind#REDIRECT_NOT_ALLOWED}, naming the host. Otherwise the 3xx is the measured
 *       answer. A request path is always a path: {@code //other.example/x} never names a host.</li>
 *   <li>HttpClient's own retries are off. A pooled connection that sat idle for a millisecond or more is
 *       checked, without waiting, for a close by the server before it is lent out again
 *       ({@link CheckedConnections}); a request whose kept-alive connection still closes under it after it was
 *       written, before any byte of the answer, counts as a request failed with
 *       {@link ErrorKind#CONNECTION_CLOSED} and is sent once more, counted as a request of its own — the rule
 *       the lean transports follow, so the engine's count stays the server's.</li>
 *   <li>The session's request timeout bounds the TCP connect, the TLS handshake, waiting for a free pooled
 *       connection, and each whole response, from writing the request to its last body byte
 *       ({@link ResponseClock}; with millisecond resolution, rounded up). A body larger than the session's
 *       {@code max_response_bytes} fails as {@link ErrorKind#BODY_TOO_LARGE} and its connection is shut. A
 *       malformed status line is a {@link ErrorKind#PROTOCOL_ERROR} at once.</li>
 *   <li>Every response body is read to its end before {@code send} returns, so connections go back to the
 *       pool reusable and timings include the whole transfer.</li>
 *   <li>Capture, when the send asks for it ({@link io.maid.goose.ports.out.SendOptions}): every header field of
 *       the final response (after followed redirects) in order, and up to the asked number of bytes of its
 *       body as HttpCore de-chunks it (never decompressed) — the rest still read and counted, the capture
 *       marked truncated. A send that asks for nothing copies nothing. Requests are built per send, so
 *       nothing of one is kept after it, reusable or not.</li>
 *   <li>{@code tls.verify=false} trusts any certificate and skips host name checks; {@code tls.ca_bundle}
 *       trusts exactly the certificates in that PEM file (instead of the JDK's trust store), with host name
 *       checks. A failed handshake is {@link ErrorKind#TLS_ERROR}, saying why (untrusted, expired, wrong
 *       host). One HTTP client, with its own pool, exists per distinct TLS setting and timeout. The request
 *       that opened a TLS connection says how long its handshake took ({@code tlsHandshakeNanos}): the
 *       connection operator's TLS upgrade, timed around HttpClient's own ({@link TimedTlsStrategy}) — TLS
 *       layered on the connected socket, the handshake, and the certificate and host name checks; not the TCP
 *       connect. A request on a pooled connection reports none.</li>
 *   <li>{@code send} never throws; failures are classified into {@link ErrorKind}s. A status the request does
 *       not count as success is described with the start of its body ({@code HTTP 500: ...}).</li>
 * </ul>
 *
 * <p><b>Byte counts.</b> {@code bytesSent} and {@code bytesReceived} are the HTTP/1.1 bytes written to and read
 * from the connection for this request (request line, headers and body; status line, headers and body as
 * framed on the wire, including chunk headers), summed over redirect hops. They are taken from the
 * connection's own transfer counters as deltas around each exchange, so they stay per request on kept-alive
 * connections. TLS record overhead and handshakes, and TCP/IP headers, are not included.
 *
 * <p>Thread-safe. Close sessions before closing the transport.
 */
public final class HttpClient5Transport implements LoadTransport {
    /** The same threshold as the lean transports' close check; the check never waits, so it costs a read. */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofMilliseconds(1);

    private final int maxConnections;
    private final ConcurrentHashMap<ClientKey, Client> clients = new ConcurrentHashMap<>();
    /** Fires the whole-response timeouts of every session: one daemon thread, tasks removed when cancelled. */
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    /**
     * @param maxConnections the most connections each pool keeps open, in total and to one target; at least 1
     */
    public HttpClient5Transport(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("goose-hc5-timeouts").factory());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Opens a session for one virtual user. A session whose TLS settings cannot be loaded (for example an
     * unreadable {@code ca_bundle}) still opens; each of its requests then fails with
     * {@link ErrorKind#TLS_ERROR} and says why.
     *
     * @throws IllegalStateException if the transport was closed
     */
    @Override
    public TransportSession openSession(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.baseUrl(), "options.baseUrl");
        if (closed) {
            throw new IllegalStateException("the transport is closed");
        }
        Timeout timeout = timeout(options.requestTimeout());
        ClientKey key = new ClientKey(tlsFor(options), timeout.toMilliseconds());
        Client client;
        try {
            client = clients.computeIfAbsent(key, this::build);
        } catch (TlsSetupException e) {
            return new ClientSession(options.baseUrl(), e.getMessage());
        }
        return new ClientSession(client.setup(), options.baseUrl(), options.allowedTargets(), options.maxResponseBytes());
    }

    @Override
    public void close() {
        closed = true;
        for (Client client : clients.values()) {
            client.setup().http().close(CloseMode.GRACEFUL);
        }
        clients.clear();
        timer.shutdownNow();
    }

    /** Plain-HTTP targets share one client whatever their TLS settings say, since those never apply. */
    private static TlsSpec tlsFor(SessionOptions options) {
        String scheme = options.baseUrl().getScheme();
        boolean secure = scheme != null && scheme.toLowerCase(Locale.ROOT).equals("https");
        return secure && options.tls() != null ? options.tls() : TlsSpec.defaults();
    }

    /** Rounds up so that a fractional timeout never becomes zero, which HttpClient reads as "infinite". */
    static Timeout timeout(Duration requestTimeout) {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        long millis = requestTimeout.toMillis();
        if (requestTimeout.compareTo(Duration.ofMillis(millis)) > 0) {
            millis++;
        }
        return Timeout.ofMilliseconds(millis);
    }

    private Client build(ClientKey key) {
        Timeout timeout = Timeout.ofMilliseconds(key.timeoutMillis());
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(
                new DefaultHttpClientConnectionOperator(CheckedConnections.SOCKETS, null, null,
                        RegistryBuilder.<TlsSocketStrategy>create()
                                .register("https", new TimedTlsStrategy(TlsStrategies.forSpec(key.tls()))).build()),
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND,
                CheckedConnections.FACTORY);
        pool.setMaxTotal(maxConnections);
        pool.setDefaultMaxPerRoute(maxConnections);
        pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(timeout)
                .setSocketTimeout(timeout)
                .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                .build());
        pool.setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(timeout).build());
        RequestConfig noFollow = RequestConfig.custom()
                .setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout)
                .setRedirectsEnabled(false)
                .setMaxRedirects(Redirects.MAX_HOPS)
                .build();
        RequestConfig follow = RequestConfig.copy(noFollow).setRedirectsEnabled(true).build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(pool)
                .setRequestExecutor(new MeteringRequestExecutor())
                .setRedirectStrategy(new AllowListRedirects())
                .setDefaultRequestConfig(noFollow)
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableConnectionState()
                .build();
        return new Client(new ClientSession.Setup(http, follow, noFollow, timer, key.timeoutMillis() * 1_000_000L));
    }

    private record ClientKey(TlsSpec tls, long timeoutMillis) {
    }

    private record Client(ClientSession.Setup setup) {
    }
}
