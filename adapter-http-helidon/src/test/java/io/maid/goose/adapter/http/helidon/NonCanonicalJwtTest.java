package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static io.maid.goose.adapter.http.helidon.ApiHarness.NOW;
import static io.maid.goose.adapter.http.helidon.ApiHarness.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JWT has exactly one spelling: each part base64url without padding, in the URL alphabet, with the
 * unused low bits of its last character zero. Every other spelling of a valid, correctly signed token is
 * refused, so a token cannot come back under another text after it was revoked or logged by its text.
 */
class NonCanonicalJwtTest extends SharedApiHarness {
    private static final String URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A header whose encoding has room for padding (its length is not a multiple of 4). */
    private static String headerPart() {
        Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "HS256", "typ", "JWT"));
        StringBuilder filler = new StringBuilder();
        while (Tokens.b64(Tokens.json(header)).length() % 4 == 0) {
            filler.append('x');
            header.put("x", filler.toString());
        }
        return Tokens.b64(Tokens.json(header));
    }

    /**
     * Claims whose encoding has room for padding, and which hold a {@code -} or {@code _} when asked: in
     * ASCII text those come only from a {@code >}, {@code ?} or {@code ~} as the third byte of a group of
     * three, hence the run of three tildes in the id.
     */
    private static String payloadPart(boolean withUrlOnlyCharacter) {
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims("read:loadtests", NOW));
        for (int i = 0; i < 64; i++) {
            claims.put("jti", "t~~~" + i);
            String part = Tokens.b64(Tokens.json(claims));
            boolean urlOnly = part.contains("-") || part.contains("_");
            if (part.length() % 4 != 0 && (!withUrlOnlyCharacter || urlOnly)) {
                return part;
            }
        }
        throw new AssertionError("no claims found whose encoding fits");
    }

    private static String padded(String part) {
        return part + "=".repeat(4 - part.length() % 4);
    }

    /** The same bytes, spelt with a non-zero unused bit in the last character. */
    private static String strayBits(String part) {
        int unusedBits = switch (part.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> throw new IllegalArgumentException("a part of length " + part.length() + " has no unused bits");
        };
        int last = URL_ALPHABET.indexOf(part.charAt(part.length() - 1));
        assertEquals(0, last & ((1 << unusedBits) - 1), "canonical encoders leave the unused bits zero");
        return part.substring(0, part.length() - 1) + URL_ALPHABET.charAt(last | 1);
    }

    private static String standardAlphabet(String part) {
        return part.replace('-', '+').replace('_', '/');
    }

    private static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    private static void assertRefused(String token) {
        HttpResponse<String> r = api.get("/status", bearer(token));
        assertEquals(401, r.statusCode(), r::body);
        JsonNode body = json(r.body());
        assertEquals("invalid_token", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("base64url"), r::body);
    }

    @Test
    void theCanonicalSpellingGetsIn() {
        String token = Tokens.hs256OverParts(headerPart(), payloadPart(true));
        assertEquals(200, api.get("/status", bearer(token)).statusCode());
    }

    @Test
    void aSignatureWithPaddingAppendedIsRefused() {
        String token = Tokens.hs256OverParts(headerPart(), payloadPart(false));
        assertRefused(token + "=");
    }

    @Test
    void aPaddedHeaderIsRefusedEvenWhenTheSignatureCoversIt() {
        assertRefused(Tokens.hs256OverParts(padded(headerPart()), payloadPart(false)));
    }

    @Test
    void aPaddedPayloadIsRefusedEvenWhenTheSignatureCoversIt() {
        assertRefused(Tokens.hs256OverParts(headerPart(), padded(payloadPart(false))));
    }

    @Test
    void aPayloadInTheStandardAlphabetIsRefused() {
        String payload = payloadPart(true);
        String standard = standardAlphabet(payload);
        assertNotEquals(payload, standard);
        assertRefused(Tokens.hs256OverParts(headerPart(), standard));
    }

    @Test
    void aSignatureInTheStandardAlphabetIsRefused() {
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims("read:loadtests", NOW));
            claims.put("jti", "s" + i);
            String[] p = parts(Tokens.hs256(claims));
            if (p[2].contains("-") || p[2].contains("_")) {
                assertRefused(p[0] + "." + p[1] + "." + standardAlphabet(p[2]));
                return;
            }
        }
        throw new AssertionError("no signature with a - or _ among 1000 tokens");
    }

    @Test
    void aSignatureWithStrayBitsInItsLastCharacterIsRefused() {
        String[] p = parts(Tokens.hs256OverParts(headerPart(), payloadPart(false)));
        assertRefused(p[0] + "." + p[1] + "." + strayBits(p[2]));
    }

    @Test
    void aPayloadWithStrayBitsInItsLastCharacterIsRefusedEvenWhenTheSignatureCoversIt() {
        assertRefused(Tokens.hs256OverParts(headerPart(), strayBits(payloadPart(false))));
    }

    @Test
    void aHeaderWithStrayBitsInItsLastCharacterIsRefusedEvenWhenTheSignatureCoversIt() {
        assertRefused(Tokens.hs256OverParts(strayBits(headerPart()), payloadPart(false)));
    }
}
