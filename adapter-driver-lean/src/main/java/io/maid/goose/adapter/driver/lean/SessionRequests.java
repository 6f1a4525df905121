package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;

import java.util.IdentityHashMap;

/**
 * One session's encoded requests, looked up by the spec's identity: the engine hands a user the same
 * reusable {@link RequestSpec} objects over and over (its config's constant requests), so after the first
 * send a request costs one identity check (the same spec as last time) or one identity-map lookup, never an
 * equals over its fields. A spec that is not reusable (rendered for one send) is encoded for that send only
 * and nothing of it is kept, so rendered requests never grow what a session holds.
 *
 * <p>Single-threaded: owned by one session.
 */
final class SessionRequests {
    private final RequestEncoder encoder;
    private final IdentityHashMap<RequestSpec, EncodedRequest> encoded = new IdentityHashMap<>(4);
    private RequestSpec lastSpec;
    private EncodedRequest lastEncoded;

    SessionRequests(RequestEncoder encoder) {
        this.encoder = encoder;
    }

    Origin origin() {
        return encoder.origin();
    }

    /** The bytes for {@code spec}: kept by identity when it is {@code reusable}, else made for this send alone. */
    EncodedRequest get(RequestSpec spec, boolean reusable) {
        if (!reusable) {
            return encoder.encodeOnce(spec);
        }
        if (spec == lastSpec) {
            return lastEncoded;
        }
        EncodedRequest request = encoded.get(spec);
        if (request == null) {
            request = encoder.encode(spec);
            encoded.put(spec, request);
        }
        lastSpec = spec;
        lastEncoded = request;
        return request;
    }

    /** How many specs are kept (for tests of what a session holds). */
    int size() {
        return encoded.size();
    }

    /** How many specs the encoder shares with every session on this base URL (for tests). */
    int sharedCount() {
        return encoder.sharedCount();
    }
}
