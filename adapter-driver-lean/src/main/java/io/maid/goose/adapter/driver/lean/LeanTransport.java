package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link LoadTransport} that speaks HTTP/1.1 itself over one blocking keep-alive connection per virtual
 * user, on the user's own (virtual) thread, with as little work and allocation per request as the protocol
 * allows. Use it to push a target as hard as a native load tool would; use the HttpClient 5 transport when
 * client behaviour matters more than client cost.
 *
 * <p>Its event-loop twin, {@link LeanLoopTransport}, keeps every guarantee below without a thread per user
 * (and spends less per request: no virtual-thread park and unpark around each read, and TLS on its loops
 * through an {@link javax.net.ssl.SSLEngine}). Both read responses with the one {@link ResponseParser}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>One connection per session, opened on its first request, kept alive and reused for every later
 *       request to the base URL's origin; reopened after the server closes it, after a failure, or after a
 *       response that leaves it unusable. Sessions never share connections or cookies.</li>
 *   <li>Requests go out exactly as configured (see {@link RequestEncoder} for the bytes): method, base URL
 *       path plus request path, query form-URL-encoded in order, headers in order with repeated names kept
 *       apart, body as UTF-8. Each distinct reusable request is encoded once and kept (by identity, per
 *       session); a request whose send says it is not reusable (rendered for that send) is encoded for it and
 *       nothing of it is kept afterwards. A send writes the encoded bytes in one call, copying them only to
 *       insert the user's {@code Cookie} header.</li>
 *   <li>Every response is read to its end (Content-Length, chunked with extensions and trailers, or to the end
 *       of the connection) and its body discarded through one reusable buffer per session, so connections
 *       stay reusable and timings include the whole transfer. Interim 1xx responses are skipped; HEAD, 204
 *       and 304 responses have no body.</li>
 *   <li>Capture, when the send asks for it ({@link io.maid.goose.ports.out.SendOptions}): every header field of
 *       the final response (after interim responses and followed redirects) in order, and up to the asked
 *       number of bytes of its de-chunked body — the rest is still read and counted, and the capture says it
 *       was truncated. A send that asks for nothing copies nothing and its outcome's {@code response} is
 *       null.</li>
 *   <li>Cookies per session as {@link CookieJar} describes. Redirects (301, 302, 303, 307, 308 with a
 *       {@code Location}) are followed only when the request allows them, at most
 *       {@value RedirectChain#MAX_REDIRECTS} hops, the bytes of every hop counted, and only to hosts on the
 *       session's target allow-list: a hop elsewhere is not followed and the request fails as
 *       {@link ErrorKind#REDIRECT_NOT_ALLOWED}, naming the host. 303 turns the request into a GET (HEAD stays
 *       HEAD), and so do 301 and 302 for a POST. A hop to another origin uses a connection of its own, closed
 *       afterwards. A request path is always sent as a path: {@code //other.example/x} never names a host.</li>
 *   <li>The request timeout bounds the TCP connect and the TLS handshake ({@link ErrorKind#CONNECT_TIMEOUT}),
 *       and each whole response, from writing the request to its last body byte, so a response that trickles
 *       or never ends is cut off too ({@link ErrorKind#RESPONSE_TIMEOUT}; the connection is then closed),
 *       rounded up to whole milliseconds. A body larger than the session's {@code max_response_bytes} fails
 *       as {@link ErrorKind#BODY_TOO_LARGE} as soon as it is known to be, and closes the connection.
 *       Response waits are watched by one daemon thread per transport rather than by socket read timeouts
 *       (see {@link ResponseDeadline} for why), so a timeout is noticed up to a tenth of it (at most 100 ms)
 *       late. A session closed from another thread ends any blocked operation at once.</li>
 *   <li>Failures come back classified, never thrown: refused ({@code CONNECT_REFUSED}), reset or closed
 *       before the response ended ({@code CONNECTION_RESET}), not HTTP or a corrupt TLS record
 *       ({@code PROTOCOL_ERROR}), a failed TLS handshake ({@code TLS_ERROR}), closed by {@link TransportSession#close()} while in flight
 *       ({@code ABANDONED}), anything else ({@code IO_ERROR}). A status the request does not count as success
 *       is described in the outcome with the start of its body ({@code HTTP 500: ...}).</li>
 *   <li>Connections closed by the server, counted as the server counts them ({@link Exchanges}): a kept-alive
 *       connection idle for a millisecond or more is checked without blocking before it is reused, and one
 *       found closed is replaced, with nothing counted; a request whose kept-alive connection closes after it
 *       was written and before any byte of the answer counts as a request failed with
 *       {@link ErrorKind#CONNECTION_CLOSED} and is sent once more on a fresh connection, counted again. So a
 *       server that reads a request and then closes without a word sees as many requests as the engine
 *       counts.</li>
 *   <li>TLS over {@link javax.net.ssl.SSLSocket}: {@code tls.verify=false} trusts any certificate without a
 *       host name check; {@code tls.ca_bundle} trusts the certificates in that PEM file; otherwise the JDK's
 *       trust store. Verified connections check the host name ({@code HTTPS} endpoint identification), and
 *       send SNI for a host name. A failed handshake (untrusted, expired or wrongly named certificate, no
 *       common protocol), and a bundle that cannot be loaded, fail the request with {@code TLS_ERROR} and say
 *       why. The handshake's time is in the outcome ({@code tlsHandshakeNanos}); one
 *       {@link javax.net.ssl.SSLContext} per TLS setting lets reconnects resume their TLS session.</li>
 * </ul>
 *
 * <h2>Byte counts</h2>
 * {@code bytesSent} and {@code bytesReceived} are the HTTP bytes this request wrote to and read from its
 * connection (request line, headers and body; status line, headers and body as framed, interim responses
 * and bytes the server sent past the end of the response included), summed over redirect hops and the one
 * re-send. TLS record overhead and handshakes, and TCP/IP headers, are not included.
 *
 * <h2>Cost</h2>
 * Per request on a kept-alive connection: one socket write, usually one socket read, and one
 * {@link io.maid.goose.ports.out.RequestOutcome}; when the connection was idle for a millisecond or more, one
 * more read (the close check, which returns at once). A capture costs the copies it hands out (the header
 * fields as strings, the body bytes kept) and no system call; a request that is not reusable costs its
 * encoding. Per session: a 2 KiB read buffer (grown to 16 KiB once a
 * body larger than it is read, and further only for response heads longer than it).
 *
 * <p>Thread-safe: sessions may be opened from any thread; each session is used by one thread at a time.
 */
public final class LeanTransport implements LoadTransport {
    /** The watchdog checks deadlines this often at most, and at least ten times per (shortest) timeout. */
    private static final long MAX_TICK_NANOS = 100_000_000L;
    private static final long MIN_TICK_NANOS = 1_000_000L;
    private final InstantSource clock;
    private final ConcurrentHashMap<TlsSpec, TlsSetup> tlsSetups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, RequestEncoder> encoders = new ConcurrentHashMap<>();
    private final Set<LeanSession> open = ConcurrentHashMap.newKeySet();
    private final Object watchdogLock = new Object();
    private volatile Thread watchdog;
    private volatile long watchdogTickNanos = MAX_TICK_NANOS;
    private volatile boolean closed;

    /** A transport whose cookies expire by the system clock. */
    public LeanTransport() {
        this(InstantSource.system());
    }

    /** @param clock the wall clock cookie expiry is judged by */
    LeanTransport(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens a session for one virtual user; it connects on its first request.
     *
     * @throws IllegalArgumentException if the base URL is not an absolute http or https URL, or the timeout is
     *                                  not positive
     * @throws IllegalStateException    if the transport was closed
     */
    @Override
    public TransportSession openSession(SessionOptions options) {
        return openSession(options, new CookieJar(clock));
    }

    /** A session that keeps its cookies in {@code cookies}. */
    LeanSession openSession(SessionOptions options, CookieJar cookies) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.baseUrl(), "options.baseUrl");
        if (closed) {
            throw new IllegalStateException("the transport is closed");
        }
        RequestEncoder encoder = encoders.computeIfAbsent(options.baseUrl(), RequestEncoder::new);
        TlsSpec tls = options.tls() == null ? TlsSpec.defaults() : options.tls();
        LeanSession session = new LeanSession(this, encoder, tls, timeoutMillis(options.requestTimeout()),
                options.allowedTargets(), options.maxResponseBytes(), cookies);
        open.add(session);
        watchResponseTimeouts(session.timeoutNanos());
        return session;
    }

    /** Closes every session still open, ending their requests in flight, and stops the watchdog. */
    @Override
    public void close() {
        closed = true;
        for (LeanSession session : open) {
            session.close();
        }
        open.clear();
        Thread w = watchdog;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Starts the watchdog when it is not running and makes it tick often enough for {@code timeoutNanos}: a
     * timeout is noticed at most a tenth of it (and at most 100 ms) late. Called after the session was added
     * to {@link #open}; the watchdog leaves only under the same lock, when no session is open, so no open
     * session is ever unwatched, and an idle transport holds no thread and no encoded requests.
     */
    private void watchResponseTimeouts(long timeoutNanos) {
        long tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, timeoutNanos / 10));
        synchronized (watchdogLock) {
            if (tick < watchdogTickNanos) {
                watchdogTickNanos = tick;
            }
            if (watchdog == null && !closed) {
                watchdog = Thread.ofPlatform().daemon().name("goose-lean-timeouts").start(this::watch);
            }
        }
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(watchdogTickNanos);
            long now = System.nanoTime();
            for (LeanSession session : open) {
                session.expireIfOverdue(now);
            }
            if (open.isEmpty()) {
                synchronized (watchdogLock) {
                    if (open.isEmpty()) {
                        watchdog = null;
                        watchdogTickNanos = MAX_TICK_NANOS;
                        // A long-lived transport (the service's) must not keep every past run's requests.
                        encoders.clear();
                        return;
                    }
                }
            }
        }
    }

    /** Whether the response-timeout watchdog thread is running (for tests). */
    boolean isWatching() {
        Thread w = watchdog;
        return w != null && w.isAlive();
    }

    TlsSetup tlsSetup(TlsSpec tls) {
        return tlsSetups.computeIfAbsent(tls, TlsSetup::of);
    }

    void forget(LeanSession session) {
        open.remove(session);
    }

    /** Rounds up, so that a fractional timeout never becomes zero, which sockets read as "wait forever". */
    static int timeoutMillis(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
        }
        long millis = timeout.toMillis();
        if (timeout.compareTo(Duration.ofMillis(millis)) > 0) {
            millis++;
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
