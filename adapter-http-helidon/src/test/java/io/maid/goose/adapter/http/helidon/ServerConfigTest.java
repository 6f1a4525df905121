package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.JwtSettings;
import io.maid.goose.adapter.http.helidon.auth.JwtVerifier;
import io.maid.goose.domain.TargetAllowList;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigTest {
    @Test
    void defaultsFillTheStreamSettings() {
        ApiServerConfig c = new ApiServerConfig(null, 0, null, true, null, null, 0, null);
        assertEquals("127.0.0.1", c.host());
        assertEquals(256, c.streamQueueCapacity());
        assertEquals(Duration.ofSeconds(30), c.streamStallTimeout());
        assertEquals(TargetAllowList.loopback(), c.allowedTargets(), "no allow-list means loopback only");
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
