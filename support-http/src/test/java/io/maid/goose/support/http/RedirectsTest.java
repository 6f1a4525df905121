package io.maid.goose.support.http;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.TargetAllowList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectsTest {
    private static final URI FROM = URI.create("http://127.0.0.1:8080/shop/cart?x=1");
    private static final TargetAllowList LOCAL = TargetAllowList.of(List.of("127.0.0.1"));

    @Test
    void aRelativeLocationResolvesAgainstTheUrlJustRequested() throws Exception {
        assertEquals(URI.create("http://127.0.0.1:8080/shop/checkout"), Redirects.next(FROM, "checkout", LOCAL));
        assertEquals(URI.create("http://127.0.0.1:8080/login?next=%2F"), Redirects.next(FROM, "/login?next=%2F", LOCAL));
    }

    @Test
    void aHopToAHostNotOnTheListIsRefusedNamingTheHost() {
        Redirects.Refused refused = assertThrows(Redirects.Refused.class,
                () -> Redirects.next(FROM, "http://localhost:9000/stolen", LOCAL));

        assertEquals(ErrorKind.REDIRECT_NOT_ALLOWED, refused.kind());
        assertTrue(refused.getMessage().contains("'localhost'"), refused.getMessage());
    }

    @Test
    void aNetworkPathReferenceChangesTheHostAndIsCheckedLikeAnyOther() {
        Redirects.Refused refused = assertThrows(Redirects.Refused.class, () -> Redirects.next(FROM, "//evil.example/x", LOCAL));

        assertEquals(ErrorKind.REDIRECT_NOT_ALLOWED, refused.kind());
        assertTrue(refused.getMessage().contains("'evil.example'"), refused.getMessage());
    }

    @Test
    void aHopToAnAllowedHostOnAnotherPortOrSchemeIsFollowed() throws Exception {
        assertEquals(URI.create("https://127.0.0.1:8443/secure"), Redirects.next(FROM, "https://127.0.0.1:8443/secure", LOCAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/x", "mailto:a@b.example", "http://", "http://exa mple.com/"})
    void aLocationThatIsNotAnHttpUrlWithAHostIsAProtocolError(String location) {
        assertEquals(ErrorKind.PROTOCOL_ERROR,
                assertThrows(Redirects.Refused.class, () -> Redirects.next(FROM, location, TargetAllowList.anyHost())).kind());
    }

    @Test
    void theRedirectStatusesAreTheFive() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            assertTrue(Redirects.isRedirect(status), "" + status);
        }
        for (int status : new int[] {200, 300, 304, 305, 306, 400}) {
            assertFalse(Redirects.isRedirect(status), "" + status);
        }
    }
}
