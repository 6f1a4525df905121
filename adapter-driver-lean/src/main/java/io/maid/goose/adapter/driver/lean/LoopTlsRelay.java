package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SessionOptions;

/**
 * How a {@link LeanLoopSession} speaks TLS: its loop speaks plain HTTP only, so a TLS exchange — the whole
 * request when the session's origin is https, or one redirect hop to an https origin — runs through the
 * blocking {@link LeanSession} on a virtual thread, and its outcome lands back on the loop as a task.
 *
 * <p>The codec shares the session's cookies; it is made on first need and closed with the session.
 */
final class LoopTlsRelay {
    /** Where an exchange's outcome lands, on the loop. */
    @FunctionalInterface
    interface Landing {
        /**
         * @param location the hop's {@code Location} when it was a hop and was answered, else null
         * @param whole    whether it was the whole request
         */
        void landed(int generation, RequestOutcome outcome, String location, boolean whole);
    }

    private final LeanEventLoop loop;
    private final LeanLoopTransport owner;
    private final SessionOptions options;
    private final CookieJar cookies;
    private LeanSession codec;

    LoopTlsRelay(LeanEventLoop loop, LeanLoopTransport owner, SessionOptions options, CookieJar cookies) {
        this.loop = loop;
        this.owner = owner;
        this.options = options;
        this.cookies = cookies;
    }

    /**
     * Starts the exchange: {@code whole} when {@code hopTo} is null, else the hop {@code hop} to {@code hopTo}.
     *
     * @throws IllegalStateException when the transport was closed
     */
    void start(int generation, RequestSpec whole, Origin hopTo, EncodedRequest hop, Landing landing) {
        if (codec == null) {
            codec = owner.tlsSession(options, cookies);
        }
        LeanSession tls = codec;
        Thread.ofVirtual().name("goose-lean-tls").start(() -> {
            RequestOutcome outcome = hopTo == null ? tls.send(whole) : tls.sendHop(hopTo, hop, whole);
            String location = hopTo != null && outcome.error() == null ? tls.location() : null;
            loop.submit(() -> landing.landed(generation, outcome, location, hopTo == null));
        });
    }

    /** Ends an exchange in flight (it lands as abandoned, and is ignored by then). */
    void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
