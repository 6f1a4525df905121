package io.maid.goose.adapter.driver.lean;

import java.nio.charset.StandardCharsets;

/** What the {@link ResponseParser} tests feed it: a plain response, and text as the wire's bytes. */
final class ResponseParserFixtures {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private ResponseParserFixtures() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
