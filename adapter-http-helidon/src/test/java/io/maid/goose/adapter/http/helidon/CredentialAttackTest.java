package io.maid.goose.adapter.http.helidon;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.Scopes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertNoStackTrace;
import static io.maid.goose.adapter.http.helidon.ApiAssertions.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every credential attack on every endpoint, the WebSocket handshake included: each is refused with the
 * RFC 6750 status, challenge and JSON body, and never reaches the engine.
 */
class CredentialAttackTest extends SharedApiHarness {
    static final Instant NOW = ApiHarness.NOW;

    record Endpoint(String method, String path, String scope) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One way of presenting a bad credential: header lines to send. */
    record Attack(String name, Map<String, String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/schema", Scopes.READ),
            new Endpoint("POST", "/run", Scopes.WRITE),
            new Endpoint("POST", "/stop", Scopes.WRITE),
            new Endpoint("GET", "/status", Scopes.READ),
            new Endpoint("GET", "/history", Scopes.READ),
            new Endpoint("GET", "/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2", Scopes.READ),
            new Endpoint("GET", "/reports/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/report.json", Scopes.READ),
            new Endpoint("POST", "/recipes", Scopes.WRITE),
            new Endpoint("POST", "/history/4f4199fc-3c20-4bb9-ae31-b6aa9d9a36a2/analysis", Scopes.WRITE),
            new Endpoint("GET", "/plugins", Scopes.READ),
            new Endpoint("WS", "/stream", Scopes.READ));

    static List<Attack> attacks() {
        Map<String, Object> good = Tokens.claims("read:loadtests write:loadtests", NOW);
        return List.of(
                new Attack("no credential", Map.of()),
                new Attack("malformed token", bearer("not-a-jwt")),
                new Attack("malformed JWT parts", bearer("eyJhbGciOiJIUzI1NiJ9.%%%.abc")),
                new Attack("bad signature", bearer(Tokens.hs256(Map.of("alg", "HS256", "typ", "JWT"), good,
                        "some-other-secret-some-other-secret-0000")))
                , new Attack("alg none", bearer(Tokens.algNone(good))),
                new Attack("alg none with forged signature", bearer(Tokens.algNone(good) + "c2lnbmF0dXJl")),
                new Attack("alg HS256 keyed with the RSA public key", bearer(Tokens.hs256WithRsaPublicKey(good))),
                new Attack("expired", bearer(Tokens.hs256(with(good, "exp", NOW.minusSeconds(120).getEpochSecond())))),
                new Attack("no exp", bearer(Tokens.hs256(without(good, "exp")))),
                new Attack("not yet valid", bearer(Tokens.hs256(with(good, "nbf", NOW.plusSeconds(3600).getEpochSecond())))),
                new Attack("wrong issuer", bearer(Tokens.hs256(with(good, "iss", "evil.issuer")))),
                new Attack("wrong audience", bearer(Tokens.hs256(with(good, "aud", "someone.else")))),
                new Attack("unknown kid", bearer(Tokens.rs256(good, "rsa-unknown"))),
                new Attack("unknown API key", Map.of("x-api-key", "gk_unknown_key_000000000000000")),
                new Attack("Basic scheme", Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0")),
                new Attack("empty bearer", Map.of("Authorization", "Bearer ")));
    }

    static Stream<Arguments> everyAttackOnEveryEndpoint() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Attack a : attacks()) {
                all.add(Arguments.of(e, a));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> everyEndpoint() {
        return ENDPOINTS.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("everyAttackOnEveryEndpoint")
    void isRefusedWith401InvalidToken(Endpoint endpoint, Attack attack) throws IOException {
        Answer a = call(endpoint, attack.headers);
        assertEquals(401, a.status, () -> a.toString());
        assertEquals("Bearer error=\"invalid_token\"", a.wwwAuthenticate, a::toString);
        JsonNode body = json(a.body);
        assertEquals("invalid_token", body.get("error").asText());
        assertTrue(body.get("message").isTextual());
        assertNoStackTrace(a.body);
        for (String secret : attack.headers.values()) {
            String credential = secret.startsWith("Bearer ") ? secret.substring(7) : secret;
            if (credential.length() > 8) {
                assertFalse(a.body.contains(credential), "the answer echoes the credential");
            }
        }
        assertTrue(api.engine.starts.isEmpty());
        assertEquals(0, api.engine.stops.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEndpoint")
    void aCredentialWithoutTheScopeIsRefusedWith403(Endpoint endpoint) throws IOException {
        boolean write = endpoint.scope.equals(Scopes.WRITE);
        // a read-only JWT on write endpoints, a write-only API key on read endpoints
        Map<String, String> headers = write
                ? bearer(Tokens.hs256(Tokens.claims("read:loadtests", NOW)))
                : Map.of("x-api-key", ApiHarness.WO_KEY);
        Answer a = call(endpoint, headers);
        assertEquals(403, a.status, a::toString);
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"" + endpoint.scope + "\"", a.wwwAuthenticate);
        JsonNode body = json(a.body);
        assertEquals("insufficient_scope", body.get("error").asText());
        assertEquals(endpoint.scope, body.get("required_scope").asText());
        assertNoStackTrace(a.body);
        assertTrue(api.engine.starts.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEndpoint")
    void twoCredentialsAtOnceAreRefusedAsAnInvalidRequest(Endpoint endpoint) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(bearer(Tokens.hs256(Tokens.claims("read:loadtests", NOW))));
        headers.put("x-api-key", ApiHarness.RW_KEY);
        Answer a = call(endpoint, headers);
        assertEquals(400, a.status, a::toString);
        assertEquals("invalid_request", json(a.body).get("error").asText());
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.put(name, value);
        return c;
    }

    static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> c = new LinkedHashMap<>(claims);
        c.remove(name);
        return c;
    }

    record Answer(int status, String wwwAuthenticate, String body) {
    }

    static Answer call(Endpoint e, Map<String, String> headers) throws IOException {
        if (e.method.equals("WS")) {
            try (RawHttp r = RawHttp.upgrade(api.server.port(), "/api/goose" + e.path, headers, 0)) {
                return new Answer(r.status, r.headers.get("www-authenticate"), r.body);
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url(e.path)));
        if (e.method.equals("POST")) {
            b.POST(HttpRequest.BodyPublishers.ofString(ApiHarness.EXAMPLE_BODY)).header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        var res = api.send(b);
        return new Answer(res.statusCode(), res.headers().firstValue("WWW-Authenticate").orElse(null), res.body());
    }

}
