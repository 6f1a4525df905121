package io.maid.goose.adapter.http.helidon.auth;

import java.time.Duration;

/**
 * How bearer JWTs are verified locally. Signatures are checked against the inline JWK set (matched by
 * {@code kid}) or, for HS256 tokens without a {@code kid} as maid-apikeys issues them, against the shared
 * secret. Unsigned tokens and {@code alg: none} are always rejected; {@code exp} is required.
 *
 * @param issuer      the required {@code iss}, or {@code null} to accept any (maid-apikeys: {@code maid.apikeys})
 * @param audience    a required {@code aud} entry, or {@code null} to accept any (maid-apikeys: {@code maid.clients})
 * @param jwksJson    an inline JWK set {@code {"keys":[...]}}, or {@code null}
 * @param hs256Secret the HS256 shared secret (its UTF-8 bytes are the key), or {@code null}
 * @param clockSkew   tolerance on {@code exp} and {@code nbf}; default 30 s
 */
public record JwtSettings(String issuer, String audience, String jwksJson, String hs256Secret, Duration clockSkew) {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtSettings {
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        jwksJson = blankToNull(jwksJson);
        hs256Secret = hs256Secret == null || hs256Secret.isEmpty() ? null : hs256Secret;
        if (jwksJson == null && hs256Secret == null) {
            throw new IllegalArgumentException("security.jwt needs jwks_json or hs256_secret to verify tokens with");
        }
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("security.jwt clock skew must be 0..600 s, was " + clockSkew.toSeconds() + " s");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        // the secret must never reach a log line
        return "JwtSettings[issuer=" + issuer + ", audience=" + audience + ", jwks=" + (jwksJson != null)
                + ", hs256Secret=" + (hs256Secret != null ? "***" : "none") + ", clockSkew=" + clockSkew + "]";
    }
}
