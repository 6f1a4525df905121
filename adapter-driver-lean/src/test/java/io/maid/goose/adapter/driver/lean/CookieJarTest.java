package io.maid.goose.adapter.driver.lean;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CookieJarTest {
    private static final Origin HTTP = new Origin(false, "shop.example.com", 80);
    private static final Origin HTTPS = new Origin(true, "shop.example.com", 443);
    private static final Origin OTHER_HOST = new Origin(false, "cdn.example.com", 80);

    private final MutableClock clock = new MutableClock();
    private final CookieJar jar = new CookieJar(clock);

    @Test
    void aCookieIsSentBackToItsHostOnly() {
        jar.store(List.of("sid=42"), HTTP, "/login");

        assertEquals("Cookie: sid=42\r\n", header(HTTP, "/"));
        assertNull(header(OTHER_HOST, "/"));
    }

    @Test
    void aDomainCookieIsSentToSubdomainsAndAForeignDomainIsRejected() {
        jar.store(List.of("a=1; Domain=.example.com", "b=2; Domain=evil.test"), HTTP, "/");

        assertEquals("Cookie: a=1\r\n", header(OTHER_HOST, "/"));
    }

    @Test
    void withoutAPathTheCookieAppliesBelowTheRequestDirectory() {
        jar.store(List.of("c=3"), HTTP, "/account/login");

        assertEquals("Cookie: c=3\r\n", header(HTTP, "/account/orders"));
        assertNull(header(HTTP, "/accounting"));
        assertNull(header(HTTP, "/"));
    }

    @Test
    void longerPathsComeFirst() {
        jar.store(List.of("outer=1; Path=/", "inner=2; Path=/cart"), HTTP, "/");

        assertEquals("Cookie: inner=2; outer=1\r\n", header(HTTP, "/cart/items"));
    }

    @Test
    void aLaterCookieReplacesTheEarlierOneWithTheSameNameDomainAndPath() {
        jar.store(List.of("sid=old; Path=/"), HTTP, "/");
        jar.store(List.of("sid=new; Path=/"), HTTP, "/");

        assertEquals("Cookie: sid=new\r\n", header(HTTP, "/"));
    }

    @Test
    void maxAgeZeroDeletesTheCookie() {
        jar.store(List.of("sid=1; Path=/"), HTTP, "/");
        jar.store(List.of("sid=; Path=/; Max-Age=0"), HTTP, "/");

        assertNull(header(HTTP, "/"));
    }

    @Test
    void maxAgeExpiresTheCookieByTheClock() {
        jar.store(List.of("sid=1; Max-Age=60; Path=/"), HTTP, "/");
        assertEquals("Cookie: sid=1\r\n", header(HTTP, "/"));

        clock.now = clock.now.plusSeconds(61);

        assertNull(header(HTTP, "/"));
    }

    @Test
    void expiresInThePastDeletesAndMaxAgeWinsOverExpires() {
        jar.store(List.of("gone=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "kept=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100"),
                HTTP, "/");

        assertEquals("Cookie: kept=2\r\n", header(HTTP, "/"));
    }

    @Test
    void aSecureCookieIsSentOnlyOverTls() {
        jar.store(List.of("s=1; Secure; HttpOnly"), HTTPS, "/");

        assertNull(header(HTTP, "/"));
        assertEquals("Cookie: s=1\r\n", header(HTTPS, "/"));
    }

    private String header(Origin origin, String path) {
        byte[] line = jar.header(origin, path);
        return line == null ? null : new String(line, StandardCharsets.ISO_8859_1);
    }

    private static final class MutableClock implements InstantSource {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }
}
