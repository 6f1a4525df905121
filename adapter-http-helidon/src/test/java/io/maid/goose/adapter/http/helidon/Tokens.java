package io.maid.goose.adapter.http.helidon;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mints JWTs by hand (JCA only, independent of the library under test), including broken ones.
 */
final class Tokens {
    static final String HS_SECRET = "test-shared-secret-0123456789abcdef-0123456789";
    static final String ISSUER = "maid.apikeys";
    static final String AUDIENCE = "maid.clients";
    static final String RSA_KID = "rsa-1";
    static final KeyPair RSA = rsa();

    private Tokens() {
    }

    static Map<String, Object> claims(String scope, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "alice");
        c.put("iss", ISSUER);
        c.put("aud", AUDIENCE);
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plusSeconds(600).getEpochSecond());
        c.put("scope", scope);
        return c;
    }

    static String hs256(Map<String, Object> claims) {
        return hs256(Map.of("alg", "HS256", "typ", "JWT"), claims, HS_SECRET);
    }

    static String hs256(Map<String, Object> header, Map<String, Object> claims, String secret) {
        String signingInput = b64(json(header)) + "." + b64(json(claims));
        return signingInput + "." + b64(hmac(signingInput, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** HS256 over the parts exactly as given, whatever their spelling, so a non-canonical part is still signed. */
    static String hs256OverParts(String headerPart, String payloadPart) {
        String signingInput = headerPart + "." + payloadPart;
        return signingInput + "." + b64(hmac(signingInput, HS_SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    static String rs256(Map<String, Object> claims, String kid) {
        String signingInput = b64(json(Map.of("alg", "RS256", "typ", "JWT", "kid", kid))) + "." + b64(json(claims));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(RSA.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic algorithm-confusion attack: HS256 keyed with the RSA public key's bytes, naming the RSA kid. */
    static String hs256WithRsaPublicKey(Map<String, Object> claims) {
        String signingInput = b64(json(Map.of("alg", "HS256", "typ", "JWT", "kid", RSA_KID))) + "." + b64(json(claims));
        return signingInput + "." + b64(hmac(signingInput, RSA.getPublic().getEncoded()));
    }

    /** {"alg":"none"} and an empty signature. */
    static String algNone(Map<String, Object> claims) {
        return b64(json(Map.of("alg", "none", "typ", "JWT"))) + "." + b64(json(claims)) + ".";
    }

    static String jwks() {
        RSAPublicKey pub = (RSAPublicKey) RSA.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + RSA_KID + "\",\"n\":\""
                + b64(unsigned(pub.getModulus().toByteArray())) + "\",\"e\":\""
                + b64(unsigned(pub.getPublicExponent().toByteArray())) + "\"}]}";
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String json(Map<String, Object> m) {
        return m.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Iterable<?> it) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : it) {
                sb.append(sb.length() > 1 ? "," : "").append(value(o));
            }
            return sb.append("]").toString();
        }
        return String.valueOf(v);
    }

    private static byte[] hmac(String input, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(byte[] twos) {
        if (twos.length > 1 && twos[0] == 0) {
            byte[] out = new byte[twos.length - 1];
            System.arraycopy(twos, 1, out, 0, out.length);
            return out;
        }
        return twos;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
