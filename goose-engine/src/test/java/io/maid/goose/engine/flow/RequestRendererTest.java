package io.maid.goose.engine.flow;

import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How a templated request is made for one send: what may go where, and what is never sent. */
class RequestRendererTest {
    private static final String BASE = "http://127.0.0.1:9";
    private final RequestRenderer renderer = new RequestRenderer();
    private final UserSession session = new UserSession(0, "run-1", new ManualClock(), 1);

    private RequestSpec render(String path, String name, String value) {
        session.set(name, value);
        return renderer.render(Transaction.builder("t").get(path).build().http(), session);
    }

    @Test
    void aValueInThePathIsPercentEncodedAsUtf8() {
        assertEquals("/users/a%20b%2Fc%3Fd%23e%25%C3%A9/orders", render("/users/{{id}}/orders", "id", "a b/c?d#e%é").path());
    }

    @Test
    void aDoubleSlashValueCannotStartAnotherAuthority() {
        String path = render("/{{v}}", "v", "//evil.example/x").path();
        assertEquals("/%2F%2Fevil.example%2Fx", path);
        assertEquals("127.0.0.1", URI.create(BASE + path).getHost());
    }

    @Test
    void anAbsoluteUrlValueStaysInThePathAndTheHostIsTheTargets() {
        String path = render("/go/{{v}}", "v", "https://evil.example:443/x?y#z").path();
        assertEquals("/go/https%3A%2F%2Fevil.example%3A443%2Fx%3Fy%23z", path);
        URI uri = URI.create(BASE + path);
        assertEquals("127.0.0.1", uri.getHost());
        assertNull(uri.getRawQuery());
        assertNull(uri.getRawFragment());
    }

    @Test
    void aValueCannotAddQueryParametersToALiteralQueryInThePath() {
        assertEquals("/search?q=a%26admin%3Dtrue", render("/search?q={{q}}", "q", "a&admin=true").path());
    }

    @Test
    void unreservedCharactersAndLiteralTextAreKeptAsWritten() {
        assertEquals("/a-b/x.Y_z~9", render("/a-b/{{v}}", "v", "x.Y_z~9").path());
    }

    @Test
    void queryValuesAreLeftForTheTransportToEncode() {
        session.set("v", "a b&c=d/é");
        RequestSpec r = renderer.render(Transaction.builder("t").get("/s").query("q", "{{v}}").build().http(), session);
        assertEquals(List.of(new NameValue("q", "a b&c=d/é")), r.query());
    }

    @Test
    void aHeaderValueWithCrOrLfIsNeverMade() {
        HttpStep step = Transaction.builder("t").get("/").header("X-Name", "{{v}}").build().http();
        for (String bad : List.of("x\r\nX-Injected: 1", "x\ny", "x\rY", "nul\0")) {
            session.set("v", bad);
            assertNull(renderer.render(step, session), bad);
            assertNull(renderer.missing(), "a template error, not an unset variable");
        }
        session.set("v", "tab\tis fine");
        assertEquals(List.of(new NameValue("X-Name", "tab\tis fine")), renderer.render(step, session).headers());
    }

    @Test
    void anUnsetVariableIsNamedAndNothingIsMade() {
        HttpStep step = Transaction.builder("t").post("/p").header("Authorization", "Bearer {{token}}").build().http();
        assertNull(renderer.render(step, session));
        assertEquals("token", renderer.missing());
        session.set("token", "t1");
        assertNotNull(renderer.render(step, session));
        assertNull(renderer.missing());
    }

    @Test
    void theBodyIsRenderedAsItIsAndTheRestOfTheStepIsKept() {
        session.set("accounts.username", "al\"ice");
        RequestSpec r = renderer.render(Transaction.builder("t").post("/login").expectStatus(200, 401).allowRedirects(true)
                .body("{\"user\":\"{{accounts.username}}\",\"n\":{{$user}}}").build().http(), session);
        assertEquals("{\"user\":\"al\"ice\",\"n\":0}", r.body());
        assertEquals(List.of(200, 401), r.expectStatus());
        assertEquals(true, r.allowRedirects());
    }
}
