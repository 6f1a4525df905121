package io.maid.goose.adapter.http.helidon.auth;

import java.util.Objects;

/**
 * A bearer JWT whose signature and claims were verified locally, kept in the request's context so a
 * privileged operation can ask the credential authority whether it has been revoked since it was issued.
 * Never printed: {@link #toString} hides the token.
 */
public record VerifiedBearer(String token) {
    public VerifiedBearer {
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "VerifiedBearer[***]";
    }
}
