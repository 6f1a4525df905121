package io.maid.goose.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetAllowListTest {
    @Test
    void anExactHostMatchesOnlyItselfWhateverItsCaseOrTrailingDot() {
        TargetAllowList list = TargetAllowList.of(List.of("api.example.com"));

        assertTrue(list.allowsHost("api.example.com"));
        assertTrue(list.allowsHost("API.Example.COM."));
        assertFalse(list.allowsHost("example.com"));
        assertFalse(list.allowsHost("api.example.com.evil.test"));
        assertFalse(list.allowsHost("xapi.example.com"));
    }

    @Test
    void aWildcardMatchesSubdomainsButNotTheDomainItself() {
        TargetAllowList list = TargetAllowList.of(List.of("*.example.com", "[::1]"));
        assertTrue(list.allows(URI.create("https://a.example.com")));
        assertTrue(list.allows(URI.create("https://a.b.example.com.")));
        assertFalse(list.allows(URI.create("https://example.com")));
        assertFalse(list.allows(URI.create("https://badexample.com")));
        assertTrue(list.allows(URI.create("http://[::1]:8080")));
    }

    @Test
    void theStarAllowsEveryHost() {
        assertTrue(TargetAllowList.of(List.of("*")).allowsHost("anywhere.test"));
        assertTrue(TargetAllowList.anyHost().allowsAnyHost());
    }

    @Test
    void anEmptyListAllowsNoHost() {
        TargetAllowList none = TargetAllowList.of(List.of());

        assertTrue(none.isEmpty());
        assertFalse(none.allowsHost("127.0.0.1"));
    }

    @Test
    void loopbackIsTheThreeLoopbackNames() {
        TargetAllowList loopback = TargetAllowList.loopback();

        assertEquals(List.of("127.0.0.1", "localhost", "::1"), loopback.patterns());
        assertTrue(loopback.allows(URI.create("http://localhost:8080")));
        assertFalse(loopback.allowsHost("127.0.0.2"));
        assertFalse(loopback.allowsHost("10.0.0.1"));
    }

    @Test
    void aUrlWithoutAHostIsNeverAllowed() {
        assertFalse(TargetAllowList.anyHost().allows(URI.create("file:///etc/passwd")));
        assertFalse(TargetAllowList.anyHost().allowsHost(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "example.com/path", "example.com:8080", "*example.com",
            "a.*.example.com", "*.", " ", "user@example.com"})
    void aMalformedPatternIsRefusedNamingItsIndex(String pattern) {
        ConfigException e = assertThrows(ConfigException.class, () -> TargetAllowList.of(List.of("localhost", pattern)));

        assertEquals("1", e.field());
    }

    @Test
    void aNullPatternIsRefused() {
        assertThrows(ConfigException.class, () -> TargetAllowList.of(Arrays.asList("localhost", null)));
    }

    @Test
    void itDescribesItselfForStartUpMessages() {
        assertEquals("127.0.0.1, localhost, ::1", TargetAllowList.loopback().describe());
        assertEquals("* (any host)", TargetAllowList.anyHost().describe());
    }
}
