package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;

/**
 * How a {@link LeanLoopSession} speaks TLS: its loop speaks plain HTTP only, so a TLS exchange — the whole
 * request when the session's origin is https, or one redirect hop to an https origin — runs through the
 * blocking {@link LeanSession} on a virtual thread, and its outcome lands back on the loop as a task.
 *
 * <p>The codec shares the session's cookies; it is made on first need and closed with the session. An
 * exchange's outcome lands only while it is still the one the session waits for: one that was given up
 * ({@link #cancel()}, the request ended otherwise) or superseded is dropped on the loop.
 *
 * <p>{@link #start} and {@link #cancel} on the loop thread only.
 */
final class LoopTlsRelay {
    /** Where an exchange's outcome lands, on the loop. */
    @FunctionalInterface
    interface Landing {
        /**
         * @param location the hop's {@code Location} when it was a hop and was answered, else null
         * @param whole    whether it was the whole request
         */
        void landed(RequestOutcome outcome, String location, boolean whole);
    }

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final SessionOptions options;
    private final CookieJar cookies;
    private LeanSession codec;
    /** Numbers exchanges; the one the session waits for, or 0 for none. */
    private int waitingFor;
    private int started;

    LoopTlsRelay(LeanEventLoop loop, LeanLoopTransport owner, SessionOptions options, CookieJar cookies) {
        this.loop = loop;
        this.owner = owner;
        this.options = options;
        this.cookies = cookies;
    }

    /**
     * Starts the exchange: {@code whole} when {@code hopTo} is null, else the hop {@code hop} to {@code hopTo},
     * with what the send asked for ({@code send}: whether it is reusable, what to capture of the answer).
     *
     * @throws IllegalStateException when the transport was closed
     */
    void start(RequestSpec whole, SendOptions send, Origin hopTo, EncodedRequest hop, Landing landing) {
        if (codec == null) {
            codec = owner.tlsSession(options, cookies);
        }
        LeanSession tls = codec;
        int exchange = ++started;
        waitingFor = exchange;
        Thread.ofVirtual().name("goose-lean-tls").start(() -> {
            RequestOutcome outcome = hopTo == null ? tls.send(whole, send) : tls.sendHop(hopTo, hop, whole, send);
            String location = hopTo != null && outcome.error() == null ? tls.location() : null;
            loop.submit(() -> {
                if (waitingFor == exchange) {
                    waitingFor = 0;
                    landing.landed(outcome, location, hopTo == null);
                }
            });
        });
    }

    /** The session no longer waits for the exchange in flight: its outcome, when it lands, is dropped. */
    void cancel() {
        waitingFor = 0;
    }

    /** Ends an exchange in flight (it lands as abandoned, and is ignored by then). */
    void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
