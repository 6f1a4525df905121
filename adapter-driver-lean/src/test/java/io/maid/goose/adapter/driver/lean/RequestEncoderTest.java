package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestEncoderTest {
    @Test
    void aPostIsEncodedWithHostConfiguredHeadersLengthAndBody() {
        RequestEncoder encoder = new RequestEncoder(URI.create("http://127.0.0.1:8080/api/"));
        RequestSpec spec = new RequestSpec(HttpMethod.POST, "/items",
                List.of(new NameValue("Content-Type", "text/plain"), new NameValue("Content-Length", "999")),
                List.of(new NameValue("q", "a b")), "hi", false, List.of());

        EncodedRequest request = encoder.encode(spec);

        assertEquals("POST /api/items?q=a+b HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\n\r\nhi", text(request));
        assertEquals(text(request).indexOf("\r\n\r\n") + 2, request.headEnd());
        assertEquals("/api/items", request.cookiePath());
    }

    @Test
    void aGetCarriesItsRequestLineAndHostOnlyAndTheConnectionStaysOpen() {
        EncodedRequest request = new RequestEncoder(URI.create("http://127.0.0.1:8080")).encode(RequestSpec.of(HttpMethod.GET, "/"));

        assertEquals("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", text(request));
        assertFalse(request.closeAfter());
    }

    @Test
    void aConfiguredHostAndConnectionReplaceTheTransportsOwn() {
        RequestEncoder encoder = new RequestEncoder(URI.create("https://example.com"));
        RequestSpec spec = new RequestSpec(HttpMethod.GET, "/", List.of(new NameValue("Host", "virtual.test"),
                new NameValue("Connection", "close")), List.of(), null, false, List.of());

        EncodedRequest request = encoder.encode(spec);

        assertEquals("GET / HTTP/1.1\r\nHost: virtual.test\r\nConnection: close\r\n\r\n", text(request));
        assertTrue(request.closeAfter());
    }

    @Test
    void equalSpecsShareOneEncoding() {
        RequestEncoder encoder = new RequestEncoder(URI.create("http://localhost"));

        assertSame(encoder.encode(RequestSpec.of(HttpMethod.GET, "/a")), encoder.encode(RequestSpec.of(HttpMethod.GET, "/a")));
    }

    @Test
    void charactersNotAllowedInAPathArePercentEncodedAndEncodedOnesKept() {
        RequestEncoder encoder = new RequestEncoder(URI.create("http://localhost"));

        EncodedRequest request = encoder.encode(RequestSpec.of(HttpMethod.GET, "/caf\u00e9/%20/x|y"));

        assertEquals("/caf%C3%A9/%20/x%7Cy", request.target());
    }

    @Test
    void aCookieLineIsInsertedBeforeTheEmptyLineWhenCopiedInPiecesOfAnySize() {
        RequestEncoder encoder = new RequestEncoder(URI.create("http://localhost"));
        EncodedRequest request = encoder.encode(new RequestSpec(HttpMethod.POST, "/p", List.of(), List.of(), "body!", false, List.of()));
        byte[] cookie = "Cookie: a=1\r\n".getBytes(StandardCharsets.US_ASCII);
        String expected = "POST /p HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nCookie: a=1\r\n\r\nbody!";
        assertEquals(expected.length(), request.wireLength(cookie));

        for (int piece = 1; piece <= expected.length(); piece++) {
            ByteBuffer wire = ByteBuffer.allocate(expected.length());
            ByteBuffer out = ByteBuffer.allocate(piece);
            for (int at = 0; at < request.wireLength(cookie); ) {
                out.clear();
                at += request.put(out, cookie, at);
                wire.put(out.flip());
            }
            assertEquals(expected, new String(wire.array(), StandardCharsets.US_ASCII), "in pieces of " + piece);
        }
        ByteBuffer plain = ByteBuffer.allocate(request.wireLength(null));
        request.put(plain, null, 0);
        assertEquals(text(request), new String(plain.array(), StandardCharsets.UTF_8));
    }

    private static String text(EncodedRequest request) {
        return new String(request.bytes(), StandardCharsets.UTF_8);
    }
}
