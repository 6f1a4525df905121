package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.RequestSpec;

import java.util.IdentityHashMap;

/**
 * One session's encoded requests, looked up by the spec's identity: the engine hands a user the same
 * {@link RequestSpec} objects over and over, so after the first send a request costs one identity check
 * (the same spec as last time) or one identity-map lookup, never an equals over its fields.
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

    EncodedRequest get(RequestSpec spec) {
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
}
