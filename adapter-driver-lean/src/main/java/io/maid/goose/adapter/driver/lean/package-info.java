/**
 * The lean HTTP/1.1 load transports: HTTP spoken directly over keep-alive sockets, with as little work and
 * allocation per request as the protocol allows.
 *
 * <ul>
 *   <li>{@link io.maid.goose.adapter.driver.lean.LeanLoopTransport} — the event-loop transport: a few platform
 *       threads, each a {@link java.nio.channels.Selector} loop driving many users' non-blocking connections
 *       ({@code LeanEventLoop}, {@code LeanLoopSession}, with timers in {@code LoopTimers}); its blocking
 *       sessions ({@code BlockingLoopSession}) park the caller on the same code path. TLS runs on the
 *       loops too: {@code LoopTls} (an {@code SSLEngine} per https connection) over {@code TlsBuffers} (the
 *       loop's shared record buffers and pooled spares).</li>
 *   <li>{@link io.maid.goose.adapter.driver.lean.LeanTransport} — the thread-per-user transport: one blocking
 *       socket per user on the user's own (virtual) thread ({@code LeanSession}), response timeouts watched
 *       by one watchdog thread ({@code ResponseDeadline}); TLS over {@code SSLSocket}.</li>
 * </ul>
 *
 * <p>Shared by both, once: {@code ResponseParser} (the one HTTP/1.1 response parser, fed bytes as they
 * arrive, or pulling them from a stream; its buffer is a {@code ResponseBuffer}, a head's lines are read by
 * {@code ResponseHead}, the body framed by {@code ResponseBody}, and what a send captures kept by a
 * {@code ResponseCapture}), {@code RequestEncoder} / {@code EncodedRequest} (reusable requests encoded once
 * per distinct spec, others once per send) with {@code SessionRequests} (a session's identity cache of the
 * reusable ones), {@code RedirectChain} (where redirects lead), {@code Exchanges} (when to check a connection,
 * re-send a request, follow a redirect, and what an answer's outcome says), {@code CookieJar},
 * {@code Failures} (classification), {@code Origin} and {@code TlsSetup}. The event-loop session is split
 * along its seams: {@code LoopConnection} (one non-blocking connection) and {@code LoopConnections} (the
 * primary and the redirect detour), {@code LoopDialer} (resolving and connecting), {@code LoopExchange} (the
 * request in flight: re-send and redirect state, byte counts, capture), {@code OutcomeDelivery} (handing
 * outcomes to {@code done}) and {@code LoopTls} (TLS on a loop connection); the blocking
 * session's connection is a {@code BlockingConnection}.
 */
package io.maid.goose.adapter.driver.lean;
