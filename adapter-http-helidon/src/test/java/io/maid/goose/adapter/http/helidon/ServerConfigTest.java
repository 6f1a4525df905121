package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.adapter.http.helidon.auth.JwtVerifier;
import io.maid.goose.adapter.http.helidon.routes.TargetAllowList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {
    @Test
    void defaultsFillTheStreamSettings() {
        ApiServerConfig c = new ApiServerConfig(null, 0, null, true, null, null, 0, null);
        assertEquals("127.0.0.1", c.host());
        assertEquals(256, c.streamQueueCapacity());
        assertEquals(Duration.ofSeconds(30), c.streamStallTimeout());
        assertEquals(List.of(), c.allowedTargets());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "example.com/path", "*example.com", "a.*.example.com", "*.", " "})
    void aMalformedTargetPatternIsRefusedAtStart(String pattern) {
        assertThrows(IllegalArgumentException.class,
                () -> new ApiServerConfig("127.0.0.1", 0, List.of(), true, null, List.of(pattern), 0, null));
    }

    @Test
    void aWildcardMatchesSubdomainsButNotTheDomainItself() {
        TargetAllowList list = new TargetAllowList(List.of("*.example.com", "[::1]"));
        assertTrue(list.allows(URI.create("https://a.example.com")));
        assertTrue(list.allows(URI.create("https://a.b.example.com.")));
        assertFalse(list.allows(URI.create("https://example.com")));
        assertFalse(list.allows(URI.create("https://badexample.com")));
        assertTrue(list.allows(URI.create("http://[::1]:8080")));
    }

    @Test
    void jwtSettingsNeedAKeyAndNeverPrintTheSecret() {
        assertThrows(IllegalArgumentException.class, () -> new JwtSettings("i", "a", null, null, null));
        JwtSettings s = new JwtSettings("i", "a", null, "super-secret-value-0123456789abcdef", null);
        assertEquals(Duration.ofSeconds(30), s.clockSkew());
        assertFalse(s.toString().contains("super-secret"));
    }

    @Test
    void anUnparseableJwkSetIsRefusedAtStart() {
        JwtSettings s = new JwtSettings(null, null, "{\"keys\": 42}", null, null);
        assertThrows(IllegalArgumentException.class, () -> new JwtVerifier(s, new ApiJson(), java.time.Clock.systemUTC()));
    }
}
