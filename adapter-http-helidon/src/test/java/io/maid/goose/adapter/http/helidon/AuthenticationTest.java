package io.maid.goose.adapter.http.helidon;

import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.CredentialIntrospector;
import io.maid.goose.ports.out.IntrospectionUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.maid.goose.adapter.http.helidon.ApiAssertions.assertError;
import static io.maid.goose.adapter.http.helidon.ApiHarness.NOW;
import static io.maid.goose.adapter.http.helidon.ApiHarness.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credentials that do get in, and how the authority's outages and the dev switch behave. */
class AuthenticationTest {
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
    void aMaidApikeysStyleHs256TokenWithoutKidGetsIn() {
        String token = Tokens.hs256(Tokens.claims("read:loadtests", NOW));
        assertEquals(200, api.get("/status", bearer(token)).statusCode());
    }

    @Test
    void anRs256TokenIsVerifiedWithTheJwkOfItsKid() {
        String token = Tokens.rs256(Tokens.claims("read:loadtests", NOW), Tokens.RSA_KID);
        assertEquals(200, api.get("/status", bearer(token)).statusCode());
    }

    @Test
    void scopesMayComeAsAnArrayClaim() {
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims("", NOW));
        claims.remove("scope");
        claims.put("scopes", List.of("read:loadtests"));
        assertEquals(200, api.get("/status", bearer(Tokens.hs256(claims))).statusCode());
    }

    @Test
    void anAudienceArrayContainingOursIsAccepted() {
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims("read:loadtests", NOW));
        claims.put("aud", List.of("other", Tokens.AUDIENCE));
        assertEquals(200, api.get("/status", bearer(Tokens.hs256(claims))).statusCode());
    }

    @Test
    void expiryWithinTheClockSkewIsTolerated() {
        Map<String, Object> claims = new LinkedHashMap<>(Tokens.claims("read:loadtests", NOW));
        claims.put("exp", NOW.minusSeconds(10).getEpochSecond());
        assertEquals(200, api.get("/status", bearer(Tokens.hs256(claims))).statusCode());
    }

    @Test
    void anApiKeyGetsInWithItsScopes() {
        assertEquals(200, api.get("/status", ApiHarness.apiKey(ApiHarness.RO_KEY)).statusCode());
    }

    @Test
    void anAccessTokenQueryParameterIsIgnoredOutsideTheStream() {
        HttpResponse<String> res = api.get("/status?access_token=" + ApiHarness.RW_KEY);
        assertError(res, 401, "invalid_token");
    }

    @Test
    void anUnreachableAuthorityAnswers503AndLetsNobodyIn() {
        CredentialIntrospector down = (credential, kind) -> {
            throw new IntrospectionUnavailableException("maid-apikeys timed out", null);
        };
        try (ApiHarness broken = ApiHarness.start(c -> c, down)) {
            HttpResponse<String> res = broken.get("/status", ApiHarness.apiKey(ApiHarness.RW_KEY));
            assertError(res, 503, "auth_upstream_unavailable");
        }
    }

    @Test
    void anApiKeyThatCannotBeVerifiedIs503OnEveryEndpoint() throws IOException {
        CredentialIntrospector down = (credential, kind) -> {
            throw new IntrospectionUnavailableException("maid-apikeys refused the connection", null);
        };
        try (ApiHarness broken = ApiHarness.start(c -> c, down)) {
            for (CredentialAttackTest.Endpoint e : CredentialAttackTest.ENDPOINTS) {
                if (e.method().equals("WS")) {
                    try (RawHttp ws = RawHttp.upgrade(broken.server.port(), "/api/goose" + e.path(),
                            Map.of("x-api-key", ApiHarness.RW_KEY), 0)) {
                        assertEquals(503, ws.status, ws.body);
                        assertTrue(ws.body.contains("auth_upstream_unavailable"), ws.body);
                    }
                    continue;
                }
                HttpResponse<String> res = e.method().equals("GET")
                        ? broken.get(e.path(), ApiHarness.apiKey(ApiHarness.RW_KEY))
                        : broken.post(e.path(), "application/json", ApiHarness.EXAMPLE_BODY,
                        ApiHarness.apiKey(ApiHarness.RW_KEY));
                assertError(res, 503, "auth_upstream_unavailable");
            }
            assertTrue(broken.engine.starts.isEmpty());
            assertEquals(0, broken.engine.stops.get());
        }
    }

    @Test
    void withoutAPrivilegedAuthorityAWriteJwtStartsARunOnItsSignatureAlone() {
        String token = Tokens.hs256(Tokens.claims("read:loadtests write:loadtests", NOW));
        HttpResponse<String> res = api.post("/run", "application/json", ApiHarness.EXAMPLE_BODY, bearer(token));
        assertEquals(200, res.statusCode(), res.body());
        api.reset();
    }

    @Test
    void withoutJwtSettingsBearerTokensGoToTheAuthorityAsBearer() {
        List<CredentialKind> asked = new CopyOnWriteArrayList<>();
        CredentialIntrospector authority = (credential, kind) -> {
            asked.add(kind);
            return credential.equals("opaque-token-123456") ? new Principal(true, "bob", Set.of("read:loadtests"), null)
                    : Principal.inactive();
        };
        try (ApiHarness remote = ApiHarness.start(c -> ApiHarness.with(c, true, null, c.allowedTargets()), authority)) {
            assertEquals(200, remote.get("/status", bearer("opaque-token-123456")).statusCode());
            assertError(remote.get("/status", bearer("opaque-token-000000")), 401, "invalid_token");
            assertEquals(List.of(CredentialKind.BEARER, CredentialKind.BEARER), new ArrayList<>(asked));
        }
    }

    @Test
    void anIntrospectedCredentialPastItsExpiryIsRefused() {
        CredentialIntrospector authority = (credential, kind) ->
                new Principal(true, "bob", Set.of("read:loadtests"), NOW.minusSeconds(1));
        try (ApiHarness remote = ApiHarness.start(c -> c, authority)) {
            assertError(remote.get("/status", ApiHarness.apiKey("some-key-123")), 401, "invalid_token");
        }
    }

    @Test
    void withAuthenticationOffEveryRequestGetsEveryScope() {
        try (ApiHarness open = ApiHarness.start(c -> ApiHarness.with(c, false, c.jwt(), TargetAllowList.anyHost()))) {
            assertEquals(200, open.get("/status").statusCode());
            HttpResponse<String> run = open.post("/run", "application/json", ApiHarness.EXAMPLE_BODY);
            assertEquals(200, run.statusCode(), run.body());
            assertTrue(run.body().contains("\"run_id\""));
        }
    }
}
