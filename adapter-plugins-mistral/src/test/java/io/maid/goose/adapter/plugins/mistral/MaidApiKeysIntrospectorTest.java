package io.maid.goose.adapter.plugins.mistral;

import io.maid.goose.testkit.FakeHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.CredentialKind;
import io.maid.goose.domain.Principal;
import io.maid.goose.domain.Scopes;
import io.maid.goose.ports.out.IntrospectionUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.maid.goose.testkit.FakeHttpServer.Reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaidApiKeysIntrospectorTest {
    private static final String ROUTE = "/api/auth/introspect";
    private static final String KEY = "mk_live_7f3a9c1e5b";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(NOW);
    private FakeHttpServer apiKeys;
    private MaidApiKeysIntrospector introspector;

    @BeforeEach
    void start() throws Exception {
        apiKeys = new FakeHttpServer();
        introspector = introspector(apiKeys.uri(), Duration.ofSeconds(5), 10_000);
    }

    @AfterEach
    void stop() {
        introspector.close();
        apiKeys.close();
    }

    private MaidApiKeysIntrospector introspector(URI endpoint, Duration timeout, int max) {
        return new MaidApiKeysIntrospector(endpoint, timeout, clock, max);
    }

    private static Reply active(String subject, List<String> scopes, Instant expiresAt) {
        String scopeList = String.join(",", scopes.stream().map(s -> "\"" + s + "\"").toList());
        String exp = expiresAt == null ? "null" : "\"" + expiresAt + "\"";
        return Reply.json(200, "{\"active\":true,\"subject\":\"" + subject + "\",\"scopes\":[" + scopeList + "],\"expires_at\":" + exp + "}");
    }

    private static Reply inactive() {
        return Reply.json(200, "{\"active\":false,\"subject\":null,\"scopes\":[],\"expires_at\":null}");
    }

    private int asked() {
        return apiKeys.requests(ROUTE).size();
    }

    @Test
    void activeAnswerBecomesAnActivePrincipal() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.READ, Scopes.WRITE), Instant.parse("2025-06-01T00:00:00Z")));
        Principal p = introspector.introspect(KEY, CredentialKind.API_KEY);

        assertTrue(p.active());
        assertEquals("ci-bot", p.subject());
        assertEquals(Set.of(Scopes.READ, Scopes.WRITE), p.scopes());
        assertEquals(Instant.parse("2025-06-01T00:00:00Z"), p.expiresAt());
    }

    @Test
    void requestIsThePostedCredentialAndItsKind() throws Exception {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.READ), null));
        introspector.introspect(KEY, CredentialKind.API_KEY);
        introspector.introspect("eyJhbGciOiJIUzI1NiJ9.e30.sig", CredentialKind.BEARER);

        FakeHttpServer.Recorded first = apiKeys.requests(ROUTE).get(0);
        assertEquals("POST", first.method());
        assertEquals("application/json", first.header("Content-Type"));
        assertEquals(json.readTree("{\"credential\":\"" + KEY + "\",\"kind\":\"api_key\"}"), json.readTree(first.body()));
        JsonNode second = json.readTree(apiKeys.requests(ROUTE).get(1).body());
        assertEquals("bearer", second.get("kind").asText());
    }

    @Test
    void inactiveAnswerBecomesAnInactivePrincipal() {
        apiKeys.on(ROUTE, inactive());
        Principal p = introspector.introspect(KEY, CredentialKind.API_KEY);

        assertFalse(p.active());
        assertFalse(p.hasScope(Scopes.READ));
    }

    @Test
    void malformedJwtAnswered401IsInactive() {
        apiKeys.on(ROUTE, Reply.text(401, "invalid token"));
        assertFalse(introspector.introspect("not.a.jwt", CredentialKind.BEARER).active());
    }

    @Test
    void missingScopeShowsInThePrincipal() {
        apiKeys.on(ROUTE, active("viewer", List.of(Scopes.READ), null));
        Principal p = introspector.introspect(KEY, CredentialKind.API_KEY);

        assertTrue(p.hasScope(Scopes.READ));
        assertFalse(p.hasScope(Scopes.WRITE));
        assertEquals(Set.of(Scopes.READ), p.scopes());
    }

    @Test
    void spaceSeparatedScopeOfRfc7662IsReadWhenScopesIsAbsent() {
        apiKeys.on(ROUTE, Reply.json(200, "{\"active\":true,\"sub\":\"svc\",\"scope\":\"read:loadtests write:loadtests\"}"));
        Principal p = introspector.introspect(KEY, CredentialKind.BEARER);

        assertEquals("svc", p.subject());
        assertEquals(Set.of(Scopes.READ, Scopes.WRITE), p.scopes());
        assertNull(p.expiresAt());
    }

    @Test
    void activeAnswerWhoseExpiryHasPassedIsInactive() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.WRITE), NOW.minusSeconds(1)));
        Principal p = introspector.introspect(KEY, CredentialKind.API_KEY);

        assertFalse(p.active());
        assertFalse(p.hasScope(Scopes.WRITE));
    }

    @Test
    void activeAnswerIsCachedThenRevocationIsSeenAfterThirtySeconds() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.WRITE), null));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active());

        apiKeys.on(ROUTE, inactive());
        clock.advance(Duration.ofSeconds(29));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active(), "still the cached answer");
        assertEquals(1, asked());

        clock.advance(Duration.ofSeconds(1));
        assertFalse(introspector.introspect(KEY, CredentialKind.API_KEY).active(), "revocation seen after 30 s");
        assertEquals(2, asked());
    }

    @Test
    void expirySoonerThanThirtySecondsEndsTheCachedAnswer() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.WRITE), NOW.plusSeconds(10)));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active());

        clock.advance(Duration.ofSeconds(9));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active());
        assertEquals(1, asked());

        clock.advance(Duration.ofSeconds(1));
        assertFalse(introspector.introspect(KEY, CredentialKind.API_KEY).active(), "expired at expires_at");
        assertEquals(2, asked());
    }

    @Test
    void inactiveAnswerIsCachedForFiveSeconds() {
        apiKeys.on(ROUTE, inactive());
        introspector.introspect(KEY, CredentialKind.API_KEY);
        clock.advance(Duration.ofMillis(4_999));
        introspector.introspect(KEY, CredentialKind.API_KEY);
        assertEquals(1, asked());

        apiKeys.on(ROUTE, active("new-key", List.of(Scopes.READ), null));
        clock.advance(Duration.ofMillis(1));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active());
        assertEquals(2, asked());
    }

    @Test
    void sameCredentialOfTheOtherKindIsAskedSeparately() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.READ), null));
        introspector.introspect(KEY, CredentialKind.API_KEY);
        introspector.introspect(KEY, CredentialKind.BEARER);

        assertEquals(2, asked());
        assertEquals(2, introspector.cacheKeys().size());
    }

    @Test
    void unreachableAuthorityFailsClosed() throws Exception {
        try (MaidApiKeysIntrospector down = introspector(FakeHttpServer.refusedUri(), Duration.ofSeconds(2), 100)) {
            IntrospectionUnavailableException e = assertThrows(IntrospectionUnavailableException.class,
                    () -> down.introspect(KEY, CredentialKind.API_KEY));
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
            assertFalse(e.getMessage().contains(KEY));
        }
    }

    @Test
    void serverErrorFailsClosedWithoutEchoingTheCredential() {
        apiKeys.on(ROUTE, Reply.text(503, "database down while checking " + KEY));
        IntrospectionUnavailableException e = assertThrows(IntrospectionUnavailableException.class,
                () -> introspector.introspect(KEY, CredentialKind.API_KEY));

        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains("database down"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void forbiddenIntrospectionFailsClosed() {
        apiKeys.on(ROUTE, Reply.text(403, "forbidden"));
        assertThrows(IntrospectionUnavailableException.class, () -> introspector.introspect(KEY, CredentialKind.API_KEY));
    }

    @Test
    void garbageFailsClosed() {
        for (Reply garbage : List.of(Reply.text(200, "OK"), Reply.json(200, "{\"subject\":\"x\"}"),
                Reply.json(200, "{\"active\":\"yes\"}"), Reply.json(200, "{\"active\":true,\"subject\":\"x\",\"scopes\":\"read\"}"),
                Reply.json(200, "{\"active\":true,\"subject\":\"x\",\"scopes\":[],\"expires_at\":\"tomorrow\"}"),
                Reply.json(200, "{\"active\":true,\"scopes\":[]}"))) {
            apiKeys.on(ROUTE, garbage);
            assertThrows(IntrospectionUnavailableException.class, () -> introspector.introspect(KEY, CredentialKind.API_KEY),
                    garbage.toString());
        }
    }

    @Test
    void hangingAuthorityFailsClosedWithinTheTimeout() {
        apiKeys.on(ROUTE, new Reply.Hang());
        try (MaidApiKeysIntrospector quick = introspector(apiKeys.uri(), Duration.ofMillis(300), 100)) {
            long start = System.nanoTime();
            assertThrows(IntrospectionUnavailableException.class, () -> quick.introspect(KEY, CredentialKind.API_KEY));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
        }
    }

    @Test
    void failuresAreNotCached() {
        apiKeys.on(ROUTE, Reply.text(500, "boom"), active("ci-bot", List.of(Scopes.READ), null));
        assertThrows(IntrospectionUnavailableException.class, () -> introspector.introspect(KEY, CredentialKind.API_KEY));
        assertTrue(introspector.introspect(KEY, CredentialKind.API_KEY).active());
    }

    @Test
    void cacheIsBoundedAndEvictsTheLeastRecentlyUsed() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.READ), null));
        try (MaidApiKeysIntrospector small = introspector(apiKeys.uri(), Duration.ofSeconds(5), 3)) {
            for (int i = 0; i < 5; i++) {
                small.introspect("key-" + i, CredentialKind.API_KEY);
            }
            assertEquals(3, small.cacheKeys().size());
            assertEquals(5, asked());

            small.introspect("key-4", CredentialKind.API_KEY);
            assertEquals(5, asked(), "the newest is cached");
            small.introspect("key-0", CredentialKind.API_KEY);
            assertEquals(6, asked(), "the oldest was evicted");
        }
    }

    @Test
    void cacheKeysAreSha256HashesNeverCredentials() {
        apiKeys.on(ROUTE, active("ci-bot", List.of(Scopes.READ), null));
        List<String> credentials = List.of(KEY, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "short");
        for (String c : credentials) {
            introspector.introspect(c, CredentialKind.BEARER);
        }
        Set<String> keys = introspector.cacheKeys();

        assertEquals(3, keys.size());
        for (String k : keys) {
            assertTrue(k.matches("[0-9a-f]{64}"), k);
            for (String c : credentials) {
                assertFalse(k.contains(c), "cache key holds a credential");
            }
        }
        assertNotEquals(MaidApiKeysIntrospector.cacheKey(KEY, CredentialKind.BEARER),
                MaidApiKeysIntrospector.cacheKey(KEY, CredentialKind.API_KEY));
    }

    @Test
    void blankCredentialIsInactiveWithoutAsking() {
        assertFalse(introspector.introspect("", CredentialKind.API_KEY).active());
        assertEquals(0, asked());
    }
}
