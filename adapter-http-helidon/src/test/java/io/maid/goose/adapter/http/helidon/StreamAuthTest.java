package io.maid.goose.adapter.http.helidon;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamAuthTest {
    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void upgradeWithoutCredentialIsRefusedWith401() throws Exception {
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream", Map.of(), 0)) {
            assertEquals(401, r.status, r.headers + " " + r.body);
            assertEquals("Bearer error=\"invalid_token\"", r.headers.get("www-authenticate"));
            assertTrue(r.body.contains("\"error\":\"invalid_token\""), r.body);
        }
    }

    @Test
    void upgradeWithJwtAccessTokenIsAccepted() throws Exception {
        String jwt = Tokens.hs256(Tokens.claims("read:loadtests", ApiHarness.NOW));
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream?access_token=" + jwt, Map.of(), 0)) {
            assertEquals(101, r.status, r.headers + " " + r.body);
        }
    }

    @Test
    void upgradeWithAnExpiredJwtAccessTokenIsRefused() throws Exception {
        var claims = new java.util.LinkedHashMap<>(Tokens.claims("read:loadtests", ApiHarness.NOW));
        claims.put("exp", ApiHarness.NOW.minusSeconds(3600).getEpochSecond());
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream?access_token=" + Tokens.hs256(claims),
                Map.of(), 0)) {
            assertEquals(401, r.status);
            assertEquals("Bearer error=\"invalid_token\"", r.headers.get("www-authenticate"));
        }
    }

    @Test
    void upgradeOnAnotherSpellingOfThePathStillNeedsTheReadScope() throws Exception {
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose//stream", Map.of("x-api-key", ApiHarness.WO_KEY), 0)) {
            assertTrue(r.status == 403 || r.status == 404, "status " + r.status);
        }
    }

    @Test
    void aBrowserOnAListedOriginMayConnect() throws Exception {
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream?access_token=" + ApiHarness.RO_KEY,
                Map.of("Origin", "https://dash.example"), 0)) {
            assertEquals(101, r.status, r.headers + " " + r.body);
        }
    }

    @Test
    void aBrowserOnAnUnlistedOriginMayNotConnect() throws Exception {
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream?access_token=" + ApiHarness.RO_KEY,
                Map.of("Origin", "https://evil.example"), 0)) {
            assertEquals(403, r.status, r.headers + " " + r.body);
        }
    }

    @Test
    void upgradeWithApiKeyAccessTokenIsAccepted() throws Exception {
        try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose/stream?access_token=" + ApiHarness.RW_KEY,
                Map.of(), 0)) {
            assertEquals(101, r.status, r.headers + " " + r.body);
        }
    }
}
