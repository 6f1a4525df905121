package io.maid.goose.adapter.plugins.mistral;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MistralSettingsTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:1234");

    @Test
    void omittedValuesTakeTheirDefaults() {
        MistralSettings s = new MistralSettings(ENDPOINT, " ");

        assertNull(s.apiKey());
        assertEquals("default", s.model());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(120), s.recipeTimeout());
        assertEquals(Duration.ofSeconds(120), s.analysisTimeout());
    }

    @Test
    void toStringNeverShowsTheApiKeyOrEndpointCredentials() {
        MistralSettings s = new MistralSettings(URI.create("http://proxyuser:proxypass@127.0.0.1:1234"), "sk-very-secret");

        assertFalse(s.toString().contains("sk-very-secret"), s.toString());
        assertFalse(s.toString().contains("proxypass"), s.toString());
        assertTrue(s.toString().contains("apiKey=(set)"), s.toString());
    }

    @Test
    void nonHttpEndpointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MistralSettings(URI.create("file:///tmp/x"), null));
    }

    @Test
    void nonPositiveTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new MistralSettings(ENDPOINT, null, null, Duration.ZERO, null, null));
    }
}
