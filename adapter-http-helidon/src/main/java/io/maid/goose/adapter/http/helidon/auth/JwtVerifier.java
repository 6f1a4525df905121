package io.maid.goose.adapter.http.helidon.auth;

import io.maid.goose.adapter.http.helidon.ApiJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.Errors;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;
import io.maid.goose.domain.Principal;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer JWTs locally with helidon-security-jwt. The header is inspected first, before the
 * library sees the token: {@code alg} must name a signature algorithm (never {@code none}), the signature
 * part must not be empty, and the key is chosen by {@code kid} from the JWK set or, for HS256 without a
 * {@code kid}, the shared secret. Then the signature, {@code exp} (required), {@code nbf}, {@code iss}
 * and {@code aud} are checked. Failure messages name the problem and never contain the token.
 */
public final class JwtVerifier {
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512");
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final System.Logger LOG = System.getLogger(JwtVerifier.class.getName());

    private final JwtSettings settings;
    private final JwkKeys keys;
    private final Jwk sharedSecretKey;
    private final ApiJson json;
    private final Clock clock;

    public JwtVerifier(JwtSettings settings, ApiJson json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.keys = settings.jwksJson() == null ? JwkKeys.builder().build() : parseJwks(settings.jwksJson());
        this.sharedSecretKey = settings.hs256Secret() == null ? null : sharedSecret(settings.hs256Secret());
    }

    /** Thrown with a client-safe reason. */
    static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    Principal verify(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token is too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidTokenException("token is not a signed JWT (header.payload.signature)");
        }
        requireCanonical(parts[0], "header");
        requireCanonical(parts[1], "payload");
        requireCanonical(parts[2], "signature");
        JsonNode header = decodePart(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new InvalidTokenException("token header names no signature algorithm");
        }
        String algorithm = alg.asText();
        if (!SIGNATURE_ALGORITHMS.contains(algorithm)) {
            throw new InvalidTokenException("token algorithm '" + safe(algorithm) + "' is not accepted");
        }
        if (parts[2].isEmpty()) {
            throw new InvalidTokenException("unsigned tokens are not accepted");
        }
        if (header.has("crit")) {
            throw new InvalidTokenException("token carries critical header extensions that are not supported");
        }
        JsonNode kidNode = header.get("kid");
        if (kidNode != null && !kidNode.isTextual()) {
            throw new InvalidTokenException("token kid must be a string");
        }
        Jwk key = selectKey(algorithm, kidNode == null ? null : kidNode.asText());
        if (!algorithm.equals(key.algorithm())) {
            throw new InvalidTokenException("token algorithm does not match its key");
        }
        JsonNode claims = decodePart(parts[1], "payload");

        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token);
        } catch (RuntimeException e) {
            throw new InvalidTokenException("token is malformed");
        }
        Errors errors;
        try {
            errors = signed.verifySignature(keys, key);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "JWT signature check failed: " + e.getClass().getSimpleName());
            throw new InvalidTokenException("token signature is invalid");
        }
        if (!errors.isValid()) {
            throw new InvalidTokenException("token signature is invalid");
        }
        return checkClaims(claims);
    }

    private Principal checkClaims(JsonNode claims) throws InvalidTokenException {
        Instant now = clock.instant();
        Instant exp = numericDate(claims, "exp")
                .orElseThrow(() -> new InvalidTokenException("token has no expiry (exp)"));
        if (now.isAfter(exp.plus(settings.clockSkew()))) {
            throw new InvalidTokenException("token has expired");
        }
        Optional<Instant> nbf = numericDate(claims, "nbf");
        if (nbf.isPresent() && now.plus(settings.clockSkew()).isBefore(nbf.get())) {
            throw new InvalidTokenException("token is not valid yet (nbf)");
        }
        if (settings.issuer() != null) {
            JsonNode iss = claims.get("iss");
            if (iss == null || !iss.isTextual() || !settings.issuer().equals(iss.asText())) {
                throw new InvalidTokenException("token issuer is not accepted");
            }
        }
        if (settings.audience() != null && !hasAudience(claims.get("aud"), settings.audience())) {
            throw new InvalidTokenException("token audience is not accepted");
        }
        JsonNode sub = claims.get("sub");
        String subject = sub != null && sub.isTextual() ? sub.asText() : null;
        return new Principal(true, subject, scopes(claims), exp);
    }

    private Jwk selectKey(String algorithm, String kid) throws InvalidTokenException {
        if (kid != null) {
            return keys.forKeyId(kid).orElseThrow(() -> new InvalidTokenException("token key id is unknown"));
        }
        if (sharedSecretKey != null && JwkOctet.ALG_HS256.equals(algorithm)) {
            return sharedSecretKey;
        }
        throw new InvalidTokenException("token has no key id and no default key verifies " + algorithm);
    }

    /**
     * RFC 7515 encodes every part as base64url without padding. A decoder that also takes padding, the
     * {@code +}/{@code /} alphabet or stray low bits in the last character maps many spellings onto one
     * token, so a token that was revoked or logged by its text could come back in another spelling. Only
     * the one canonical spelling is accepted: the URL alphabet, no {@code =}, and a last character whose
     * unused bits are zero (re-encoding the decoded bytes gives back the same text).
     */
    private static void requireCanonical(String part, String what) throws InvalidTokenException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean urlAlphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!urlAlphabet) {
                throw new InvalidTokenException("token " + what + " is not base64url without padding");
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token " + what + " is not base64url");
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
            throw new InvalidTokenException("token " + what + " is not canonical base64url (stray bits in its last character)");
        }
    }

    private JsonNode decodePart(String base64, String what) throws InvalidTokenException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token " + what + " is not base64url");
        }
        try {
            JsonNode node = json.parse(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException("token " + what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidTokenException("token " + what + " is not a JSON object");
        }
    }

    private static Optional<Instant> numericDate(JsonNode claims, String name) throws InvalidTokenException {
        JsonNode n = claims.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber()) {
            throw new InvalidTokenException("token claim " + name + " must be a number of seconds");
        }
        double seconds = n.asDouble();
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > 253_402_300_799d) {
            throw new InvalidTokenException("token claim " + name + " is out of range");
        }
        return Optional.of(Instant.ofEpochSecond((long) seconds));
    }

    private static boolean hasAudience(JsonNode aud, String expected) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return expected.equals(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && expected.equals(a.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code scope} as a space-separated string (RFC 8693 / maid-apikeys) and/or a {@code scopes} array. */
    private static Set<String> scopes(JsonNode claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : new String[] {"scope", "scopes"}) {
            JsonNode n = claims.get(name);
            if (n == null) {
                continue;
            }
            if (n.isTextual()) {
                for (String s : n.asText().trim().split("\\s+")) {
                    if (!s.isEmpty()) {
                        scopes.add(s);
                    }
                }
            } else if (n.isArray()) {
                for (JsonNode s : n) {
                    if (s.isTextual() && !s.asText().isBlank()) {
                        scopes.add(s.asText().trim());
                    }
                }
            }
        }
        return scopes;
    }

    private static String safe(String s) {
        String t = s.length() > 16 ? s.substring(0, 16) : s;
        return t.replaceAll("[^A-Za-z0-9_-]", "?");
    }

    private static JwkKeys parseJwks(String jwksJson) {
        try {
            JsonObject obj = Json.createReader(new StringReader(jwksJson)).readObject();
            JwkKeys parsed = JwkKeys.create(obj);
            if (parsed.keys().isEmpty()) {
                throw new IllegalArgumentException("security.jwt.jwks_json holds no keys");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("security.jwt.jwks_json is not a valid JWK set: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Jwk sharedSecret(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            LOG.log(System.Logger.Level.WARNING, "security.jwt.hs256_secret is shorter than 32 bytes;"
                    + " RFC 7518 asks for at least 256 bits for HS256");
        }
        JsonObject jwk = Json.createObjectBuilder()
                .add("kty", "oct")
                // the library insists on a kid; tokens without one reach this key as the default key
                .add("kid", "goose-hs256-shared-secret")
                .add("alg", JwkOctet.ALG_HS256)
                .add("use", "sig")
                .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .build();
        return JwkOctet.create(jwk);
    }
}
