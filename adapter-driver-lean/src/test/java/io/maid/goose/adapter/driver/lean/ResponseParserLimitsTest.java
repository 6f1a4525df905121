package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.RequestSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body limit (max_response_bytes) and the body sample of an unexpected status. */
class ResponseParserLimitsTest {
    private static final RequestSpec GET = RequestSpec.of(HttpMethod.GET, "/");

    @Test
    void aContentLengthPastTheLimitIsRefusedBeforeAnyBodyByteIsRead() {
        ResponseParser parser = new ResponseParser(1024);
        parser.begin(false, false, GET);

        ResponseParser.BodyTooLargeException e = assertThrows(ResponseParser.BodyTooLargeException.class,
                () -> feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n"));

        assertTrue(e.getMessage().contains("1025") && e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws IOException {
        ResponseParser parser = new ResponseParser(1024);
        parser.begin(false, false, GET);

        assertTrue(feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n" + "x".repeat(1024)));
    }

    @Test
    void chunksThatAddUpToMoreThanTheLimitAreRefusedAtTheChunkThatPassesIt() throws IOException {
        ResponseParser parser = new ResponseParser(1024);
        parser.begin(false, false, GET);
        String chunk = "200\r\n" + "c".repeat(512) + "\r\n";

        feed(parser, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk);

        assertThrows(ResponseParser.BodyTooLargeException.class, () -> feed(parser, chunk));
    }

    @Test
    void aBodyRunningToTheEndOfTheConnectionIsRefusedOncePastTheLimit() throws IOException {
        ResponseParser parser = new ResponseParser(1024);
        parser.begin(false, false, GET);

        feed(parser, "HTTP/1.1 200 OK\r\n\r\n" + "u".repeat(1000));

        assertThrows(ResponseParser.BodyTooLargeException.class, () -> feed(parser, "u".repeat(25)));
    }

    @Test
    void anUnexpectedStatusIsDescribedWithTheStartOfItsDecodedBody() throws IOException {
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false, GET);

        feed(parser, "HTTP/1.1 503 Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nover\r\n7\r\nloaded!\r\n0\r\n\r\n");

        assertEquals("HTTP 503: overloaded!", parser.describe());
    }

    @Test
    void aStatusOutsideExpectStatusIsDescribedToo() throws IOException {
        RequestSpec created = new RequestSpec(HttpMethod.POST, "/", List.of(), List.of(), "x", false, List.of(201));
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false, created);

        feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nalready");

        assertEquals("HTTP 200: already", parser.describe());
    }

    @Test
    void aSuccessfulBodyIsNeverSampled() throws IOException {
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false, GET);

        feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret");

        assertEquals("HTTP 200", parser.describe(), "nothing of a successful body was kept");
    }

    private static boolean feed(ResponseParser parser, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, parser.fillRoom());
            System.arraycopy(bytes, at, parser.buffer(), parser.fillOffset(), n);
            at += n;
            if (parser.filled(n)) {
                return true;
            }
        }
        return false;
    }
}
