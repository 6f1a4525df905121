package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.IntrospectionUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the credential a request presents into a {@link Principal}, or says why not. Exactly one
 * credential is accepted: {@code Authorization: Bearer <JWT>}, {@code x-api-key: <key>}, or (on the
 * stream only, where browsers cannot set headers) an {@code access_token} query parameter holding either.
 * Rejections follow RFC 6750; their messages never contain the credential.
 */
public final class Authenticator {
    static final String API_KEY_HEADER = "x-api-key";
    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());
    private static final Principal UNAUTHENTICATED_DEV = new Principal(true, "anonymous",
            Set.of(Scopes.READ, Scopes.WRITE), null);

    private final boolean required;
    private final JwtVerifier jwt;
    private final CredentialIntrospector introspector;
    private final Clock clock;

    public Authenticator(boolean required, JwtVerifier jwt, CredentialIntrospector introspector, Clock clock) {
        this.required = required;
        this.jwt = jwt;
        this.introspector = introspector;
        this.clock = clock;
    }

    /** The outcome of authentication. */
    sealed interface Outcome {
    }

    /**
     * Let in.
     *
     * @param principal   who, with which scopes
     * @param verifiedJwt the raw bearer JWT when it was verified locally (so privileged operations can
     *                    still ask the authority whether it was revoked), else {@code null}
     */
    record Authenticated(Principal principal, VerifiedBearer verifiedJwt) implements Outcome {
        @Override
        public String toString() {
            return "Authenticated[" + principal + ", localJwt=" + (verifiedJwt != null) + "]";
        }
    }

    /**
     * A refusal.
     *
     * @param status          401, 400 or 503
     * @param error           the RFC 6750 error code or the API's own
     * @param message         for a human, never containing the credential
     * @param wwwAuthenticate the challenge, or null
     */
    record Rejected(int status, String error, String message, String wwwAuthenticate) implements Outcome {
        static Rejected invalidToken(String message) {
            return new Rejected(401, "invalid_token", message, "Bearer error=\"invalid_token\"");
        }
    }

    /**
     * @param authorization every {@code Authorization} header value
     * @param apiKeys       every {@code x-api-key} header value
     * @param accessTokens  every {@code access_token} query value (empty where the query is not accepted)
     */
    Outcome authenticate(List<String> authorization, List<String> apiKeys, List<String> accessTokens) {
        if (!required) {
            return new Authenticated(UNAUTHENTICATED_DEV, null);
        }
        int presented = authorization.size() + apiKeys.size() + accessTokens.size();
        if (presented == 0) {
            return Rejected.invalidToken("authentication required: send Authorization: Bearer <token> or x-api-key");
        }
        if (presented > 1) {
            return new Rejected(400, "invalid_request", "send exactly one credential",
                    "Bearer error=\"invalid_request\"");
        }
        if (!authorization.isEmpty()) {
            String value = authorization.get(0).trim();
            int space = value.indexOf(' ');
            if (space <= 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
                return Rejected.invalidToken("Authorization must use the Bearer scheme");
            }
            String token = value.substring(space + 1).trim();
            if (token.isEmpty() || token.indexOf(' ') >= 0) {
                return Rejected.invalidToken("Bearer credential is empty or malformed");
            }
            return bearer(token);
        }
        if (!apiKeys.isEmpty()) {
            return introspect(apiKeys.get(0).trim(), CredentialKind.API_KEY);
        }
        String token = accessTokens.get(0).trim();
        return looksLikeJwt(token) ? bearer(token) : introspect(token, CredentialKind.API_KEY);
    }

    private Outcome bearer(String token) {
        if (jwt == null) {
            return introspect(token, CredentialKind.BEARER);
        }
        try {
            return active(jwt.verify(token), false, new VerifiedBearer(token));
        } catch (JwtVerifier.InvalidTokenException e) {
            return Rejected.invalidToken(e.getMessage());
        }
    }

    private Outcome introspect(String credential, CredentialKind kind) {
        if (credential.isEmpty()) {
            return Rejected.invalidToken("credential is empty");
        }
        try {
            return active(introspector.introspect(credential, kind), true, null);
        } catch (IntrospectionUnavailableException e) {
            // fail closed: without the authority nobody gets in
            LOG.log(System.Logger.Level.WARNING, "credential authority unavailable: " + e.getMessage());
            return new Rejected(503, "auth_upstream_unavailable",
                    "the credential authority cannot be reached; try again later", null);
        }
    }

    /** @param checkExpiry true for introspected credentials; a verified JWT's exp was checked with skew */
    private Outcome active(Principal principal, boolean checkExpiry, VerifiedBearer verifiedJwt) {
        if (principal == null || !principal.active()) {
            return Rejected.invalidToken("credential is unknown, revoked or expired");
        }
        if (checkExpiry && principal.expiresAt() != null && principal.expiresAt().isBefore(clock.instant())) {
            return Rejected.invalidToken("credential has expired");
        }
        return new Authenticated(principal, verifiedJwt);
    }

    /** Three base64url parts whose first decodes to a JSON object: a JWT rather than an API key. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return first > 0 && second > first && token.indexOf('.', second + 1) < 0 && token.startsWith("eyJ");
    }
}
