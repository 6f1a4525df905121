package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link EventLoopTransport} that speaks HTTP/1.1 itself over non-blocking keep-alive connections, a few
 * event loops driving every user's connection: a user costs no thread, and a request no thread hand-off.
 * This is the lean transport for pushing a target as hard as a native load tool does; {@link LeanTransport}
 * is its thread-per-user twin.
 *
 * <h2>Guarantees</h2>
 * Every guarantee of {@link LeanTransport} holds here too, request for request: one kept-alive connection
 * per session, reopened after a close, failure or unusable response; requests encoded once and sent exactly
 * as configured (reusable ones encoded once, others for their send alone); responses read to their end
 * through one {@link ResponseParser} per session, with what a send asks to capture of the final one; cookies per
 * session; redirects followed as {@link RedirectChain} describes (only to hosts on the allow-list),
 * same-origin hops on the session's connection and other-origin hops on a connection of their own, closed
 * afterwards; the request timeout bounding the connect ({@link ErrorKind#CONNECT_TIMEOUT}) and each whole
 * response ({@link ErrorKind#RESPONSE_TIMEOUT}, the connection then closed), noticed up to a tenth of it (at
 * most 100 ms) late; the body limit; the same failure classification and descriptions; the same counted
 * re-send of a request whose kept-alive connection closed under it ({@link Exchanges}); and the same byte
 * counts. In addition:
 * <ul>
 *   <li>{@link LoopSession#send} calls {@code done} exactly once, on the session's loop thread, never before
 *       {@code send} has returned. {@link LoopSession#close()} from any thread ends the request in flight
 *       with {@link ErrorKind#ABANDONED}; later sends fail the same way, through {@code done}.</li>
 *   <li>TLS on the loops, with no thread hand-off per request: an https connection (to the base URL, or a
 *       redirect hop's) shakes hands and encrypts on its loop through an {@link javax.net.ssl.SSLEngine}
 *       ({@code LoopTls}), its buffers shared by the loop's connections; only a handshake's delegated tasks
 *       (certificate checks, key agreement; once per connection) run on a virtual thread
 *       ({@code goose-lean-tls}), so a burst of new connections never stalls the loop's other users, so https keeps every guarantee above,
 *       timeouts included (the connect deadline bounds connect and handshake together). Trust, host name
 *       checks and SNI as {@link LeanTransport} has them ({@code tls.verify}, {@code tls.ca_bundle}, TLS 1.3
 *       and 1.2); a failed handshake is {@link ErrorKind#TLS_ERROR}, saying why (untrusted, expired, wrong
 *       host). One {@link javax.net.ssl.SSLContext} per TLS setting, whose session cache is keyed by host and
 *       port, so a user that reconnects resumes its TLS session. A request that opened a TLS connection says
 *       how long its handshake took ({@link io.maid.goose.ports.out.RequestOutcome#tlsHandshakeNanos()}).</li>
 *   <li>A server that closes an idle kept-alive connection is noticed while it is idle, by the select the loop
 *       makes anyway, so the next request opens a fresh one instead of finding out by a failed exchange; a
 *       connection idle for a millisecond or more is also checked with one non-blocking read just before it
 *       is reused, for a close that came after the last select.</li>
 * </ul>
 *
 * <h2>Loops</h2>
 * Each {@link EventLoop} is one platform daemon thread ({@code goose-lean-loop-N}) with a
 * {@link java.nio.channels.Selector}, a task queue and a timer heap on {@link System#nanoTime()}; tasks
 * submitted from one thread run in order, and whatever a task or callback throws is logged
 * ({@code System.Logger}, WARNING) and the loop goes on. A task submitted from another thread wakes the
 * selector only when the loop may be blocked in it. Timeouts cost no timer per request: each loop sweeps its
 * sessions' deadlines every {@code min(timeout / 10, 100 ms)} (at least 1 ms). The loops start on the first
 * {@link #eventLoops()} or {@link #openSession} call; {@link #close()} stops them: each closes its sessions
 * (requests in flight end as abandoned), runs what is already queued and ends, and {@code close} waits a
 * bounded time for their threads.
 *
 * <h2>Blocking API</h2>
 * {@link #openSession} gives a {@link TransportSession} that drives a loop session on one of the loops
 * (spread round-robin) and parks the caller until its outcome, so thread-per-user callers run the same
 * non-blocking code.
 *
 * <h2>Cost</h2>
 * Per request on a kept-alive connection, when the loop thread itself sends: one socket write, usually one
 * socket read, no selector wake-up, no timer, one {@link io.maid.goose.ports.out.RequestOutcome}. The close
 * check adds one non-blocking read only to a request whose connection sat idle for a millisecond or more (by
 * the loop's select clock, which costs no extra clock read): never to requests that follow each other at once. Per
 * session: a 2 KiB read buffer (grown as {@link ResponseParser} says), no thread.
 *
 * <h2>Host names</h2>
 * A loop never resolves a host name: a lookup that waits on DNS would stall every other user on that loop,
 * and their measured latencies with it. A connection to an IP literal (IPv4, or IPv6 with or without
 * brackets in the URL) opens at once, its address parsed without any lookup (once per session for the base
 * URL). A connection to a host name first resolves it on a virtual thread ({@code goose-lean-resolve},
 * through {@link InetAddress#getAllByName}, so the JDK's address cache applies) and then connects to the
 * first address on the loop, through its task queue. The request timeout covers resolution and TCP connect
 * together: a resolution still running when it passes ends the request as {@link ErrorKind#CONNECT_TIMEOUT};
 * a host with no address ends it as {@link ErrorKind#IO_ERROR}. A resolution that outlives its request
 * (timed out, abandoned, session closed) is dropped: it opens no connection and reports nothing. Redirect
 * hops to another plain-http origin resolve the same way.
 *
 * <p>Thread-safe.
 */
public final class LeanLoopTransport implements EventLoopTransport {
    private static final long JOIN_MILLIS = 5_000;

    private final int loopCount;
    private final InstantSource clock;
    /** Blocking; called on virtual threads only, never on a loop. */
    private final HostResolver resolver;
    private final LoopTlsProvider tlsProvider;
    /** One per TLS setting: its context's session cache lets reconnects resume. */
    private final ConcurrentHashMap<TlsSpec, TlsSetup> tlsSetups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, RequestEncoder> encoders = new ConcurrentHashMap<>();
    /** Sessions opened and not yet closed; when it drops to zero the encoders go, see {@link #sessionClosed}. */
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile List<LeanEventLoop> loops;
    private volatile List<EventLoop> view;
    private volatile boolean closed;

    /**
     * @param loops how many event loops (threads) to run, at least 1; about one per core the load generator
     *              may use
     * @throws IllegalArgumentException if {@code loops} is below 1
     */
    public LeanLoopTransport(int loops) {
        this(loops, LoopTlsProvider.AUTO);
    }

    /**
     * @param loops       how many event loops (threads) to run, at least 1
     * @param tlsProvider which TLS implementation https connections use
     * @throws IllegalArgumentException if {@code loops} is below 1
     * @throws IllegalStateException    if {@code tlsProvider} requires BoringSSL and it cannot be loaded here
     */
    public LeanLoopTransport(int loops, LoopTlsProvider tlsProvider) {
        this(loops, InstantSource.system(), InetAddress::getAllByName, tlsProvider);
    }

    /** @param clock the wall clock cookie expiry is judged by */
    LeanLoopTransport(int loops, InstantSource clock) {
        this(loops, clock, InetAddress::getAllByName, LoopTlsProvider.AUTO);
    }

    /**
     * @param clock    the wall clock cookie expiry is judged by
     * @param resolver how host names become addresses (blocking; run off the loops)
     */
    LeanLoopTransport(int loops, InstantSource clock, HostResolver resolver) {
        this(loops, clock, resolver, LoopTlsProvider.AUTO);
    }

    LeanLoopTransport(int loops, InstantSource clock, HostResolver resolver, LoopTlsProvider tlsProvider) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1, was " + loops);
        }
        tlsProvider.check();
        this.loopCount = loops;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.tlsProvider = tlsProvider;
    }


    @Override
    public List<EventLoop> eventLoops() {
        loops();
        return view;
    }

    /**
     * Opens a blocking session for one virtual user on the next loop (round-robin); it connects on its first
     * request.
     *
     * @throws IllegalArgumentException if the base URL is not an absolute http or https URL, or the timeout is
     *                                  not positive
     * @throws IllegalStateException    if the transport was closed
     */
    @Override
    public TransportSession openSession(SessionOptions options) {
        if (closed) {
            throw new IllegalStateException("the transport is closed");
        }
        List<LeanEventLoop> all = loops();
        LeanEventLoop loop = all.get(Math.floorMod(nextLoop.getAndIncrement(), all.size()));
        return new BlockingLoopSession(loop, newSession(loop, options));
    }

    /**
     * Stops the loops: their sessions are closed (requests in flight end as abandoned) and their queued
     * tasks run; then waits up to 5 s for the loop threads to end.
     */
    @Override
    public void close() {
        List<LeanEventLoop> running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = loops;
        }
        if (running != null) {
            for (LeanEventLoop loop : running) {
                loop.stop();
            }
            long end = System.nanoTime() + JOIN_MILLIS * 1_000_000;
            try {
                for (LeanEventLoop loop : running) {
                    if (!loop.inLoop()) {
                        loop.awaitTermination(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        encoders.clear();
    }

    boolean isClosed() {
        return closed;
    }

    /** A session on {@code loop}; validates the options like {@link LeanTransport#openSession} does. */
    LeanLoopSession newSession(LeanEventLoop loop, SessionOptions options) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.baseUrl(), "options.baseUrl");
        long timeoutNanos = LeanTransport.timeoutMillis(options.requestTimeout()) * 1_000_000L;
        RequestEncoder encoder = encoders.computeIfAbsent(options.baseUrl(), RequestEncoder::new);
        openSessions.incrementAndGet();
        return new LeanLoopSession(loop, this, options, encoder, timeoutNanos, new CookieJar(clock));
    }

    /**
     * A session of this transport closed. When none is left open, the encoded requests go too: a long-lived
     * transport (the service's) must not keep every past run's requests. A session opened meanwhile keeps the
     * encoder it already holds, so the worst case is one request encoded twice.
     */
    void sessionClosed() {
        if (openSessions.decrementAndGet() == 0) {
            encoders.clear();
        }
    }

    /** How many base URLs have encoders cached (for tests). */
    int cachedEncoders() {
        return encoders.size();
    }

    /**
     * Resolves {@code host} on a virtual thread of its own and hands the first address (or null, when there
     * is none) to {@code then} on that thread; {@code then} must not block.
     */
    void resolve(String host, Consumer<InetAddress> then) {
        Thread.ofVirtual().name("goose-lean-resolve").start(() -> then.accept(firstAddress(host)));
    }

    /**
     * Runs {@code work} (a TLS handshake's delegated tasks) on a virtual thread of its own, then {@code then}
     * on that thread, even when {@code work} threw (the engine reports its failure on the next step).
     */
    void offLoop(Runnable work, Runnable then) {
        Thread.ofVirtual().name("goose-lean-tls").start(() -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                // the engine keeps the failure and throws it on the handshake's next step, on the loop
            } finally {
                then.run();
            }
        });
    }

    private InetAddress firstAddress(String host) {
        try {
            InetAddress[] all = resolver.resolve(host);
            return all == null || all.length == 0 ? null : all[0];
        } catch (UnknownHostException | RuntimeException unresolvable) {
            // a resolver that throws has found no address either; the session reports the host as unresolvable
            return null;
        }
    }

    /** How TLS connections are made for {@code tls} (made once per setting). */
    TlsSetup tlsSetup(TlsSpec tls) {
        return tlsSetups.computeIfAbsent(tls, spec -> TlsSetup.of(spec, tlsProvider));
    }

    private List<LeanEventLoop> loops() {
        List<LeanEventLoop> made = loops;
        if (made != null) {
            return made;
        }
        synchronized (lifecycle) {
            if (loops == null) {
                List<LeanEventLoop> fresh = new ArrayList<>(loopCount);
                for (int i = 0; i < loopCount; i++) {
                    fresh.add(new LeanEventLoop(this, i));
                }
                for (LeanEventLoop loop : fresh) {
                    if (closed) {
                        loop.stop(); // asked for after close: loops that never run anything
                    } else {
                        loop.start();
                    }
                }
                view = List.copyOf(fresh);
                loops = List.copyOf(fresh);
            }
            return loops;
        }
    }
}
