package io.maid.goose.adapter.http.helidon.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed report links: HMAC-SHA256 over the run and the expiry, at most ten minutes long. */
class ReportLinksTest {
    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    static final String RUN = "0b5c6a1e-7d2f-4e3a-9c8b-1a2b3c4d5e6f";
    static final String OTHER = "9e8d7c6b-5a49-4838-a726-15f4e3d2c1b0";
    static final String SECRET = "a-configured-secret-of-forty-characters!";

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void aFreshLinkIsValidForItsRun() {
        ReportLinks links = ReportLinks.create(null, at(NOW));
        ReportLinks.Signed s = links.mint(RUN, Duration.ofMinutes(5));
        assertEquals(NOW.plusSeconds(300), s.expiresAt());
        assertEquals(ReportLinks.Check.VALID, links.check(RUN, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void theRunIdIsComparedWithoutCase() {
        ReportLinks links = ReportLinks.create(null, at(NOW));
        ReportLinks.Signed s = links.mint(RUN.toUpperCase(), Duration.ofMinutes(5));
        assertEquals(ReportLinks.Check.VALID, links.check(RUN, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void aLinkDoesNotOpenAnotherRun() {
        ReportLinks links = ReportLinks.create(null, at(NOW));
        ReportLinks.Signed s = links.mint(RUN, Duration.ofMinutes(5));
        assertEquals(ReportLinks.Check.INVALID, links.check(OTHER, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void aLinkExpires() {
        ReportLinks.Signed s = ReportLinks.create(SECRET, at(NOW)).mint(RUN, Duration.ofMinutes(5));
        ReportLinks later = ReportLinks.create(SECRET, at(NOW.plusSeconds(300)));
        assertEquals(ReportLinks.Check.EXPIRED, later.check(RUN, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void aLongerLifeIsClampedToTenMinutes() {
        ReportLinks.Signed s = ReportLinks.create(null, at(NOW)).mint(RUN, Duration.ofHours(24));
        assertEquals(NOW.plus(ReportLinks.MAX_TTL), s.expiresAt());
        assertEquals(Duration.ofMinutes(10), ReportLinks.MAX_TTL);
    }

    @Test
    void aMovedExpiryBreaksTheSignature() {
        ReportLinks links = ReportLinks.create(null, at(NOW));
        ReportLinks.Signed s = links.mint(RUN, Duration.ofMinutes(5));
        assertEquals(ReportLinks.Check.INVALID, links.check(RUN, Long.toString(s.expires() + 60), s.signature()));
    }

    @Test
    void aSignatureForAnExpiryBeyondTheLongestLifeIsRefusedEvenWithTheRightKey() {
        ReportLinks tomorrow = ReportLinks.create(SECRET, at(NOW.plus(Duration.ofDays(1))));
        ReportLinks.Signed farOff = tomorrow.mint(RUN, Duration.ofMinutes(5));
        ReportLinks today = ReportLinks.create(SECRET, at(NOW));
        assertEquals(ReportLinks.Check.INVALID, today.check(RUN, Long.toString(farOff.expires()), farOff.signature()));
    }

    @Test
    void withoutAConfiguredSecretEachProcessHasItsOwnKey() {
        ReportLinks.Signed s = ReportLinks.create(null, at(NOW)).mint(RUN, Duration.ofMinutes(5));
        ReportLinks another = ReportLinks.create(null, at(NOW));
        assertEquals(ReportLinks.Check.INVALID, another.check(RUN, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void aConfiguredSecretIsSharedAcrossInstances() {
        ReportLinks.Signed s = ReportLinks.create(SECRET, at(NOW)).mint(RUN, Duration.ofMinutes(5));
        ReportLinks another = ReportLinks.create(SECRET, at(NOW));
        assertEquals(ReportLinks.Check.VALID, another.check(RUN, Long.toString(s.expires()), s.signature()));
    }

    @Test
    void aShortSecretIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportLinks.create("short", at(NOW)));
        assertTrue(e.getMessage().contains("security.report_link_secret"), e.getMessage());
    }

    @Test
    void garbageIsInvalidNotAnError() {
        ReportLinks links = ReportLinks.create(null, at(NOW));
        for (String expires : new String[] {"", "-1", "1e9", "99999999999999999999", "abc"}) {
            assertEquals(ReportLinks.Check.INVALID, links.check(RUN, expires, "x"), expires);
        }
        assertEquals(ReportLinks.Check.INVALID, links.check(RUN, null, null));
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertFalse(ReportLinks.create(SECRET, at(NOW)).toString().contains(SECRET));
    }
}
