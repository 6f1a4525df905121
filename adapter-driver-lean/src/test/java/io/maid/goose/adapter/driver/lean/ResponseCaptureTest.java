package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.NameValue;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.SendOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the parser hands a capture, byte by byte as a connection delivers it. */
class ResponseCaptureTest {
    private static final SendOptions ALL = new SendOptions(false, true, 1024);

    private final ResponseParser parser = new ResponseParser();
    private final ResponseCapture capture = new ResponseCapture();

    @Test
    void anInterimResponsesHeadersAreNotTheFinalResponses() throws IOException {
        CapturedResponse kept = parse(ALL, "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nX-Final: 1\r\nContent-Length: 2\r\n\r\nok");

        assertEquals(List.of(new NameValue("X-Final", "1"), new NameValue("Content-Length", "2")), kept.headers());
        assertArrayEquals(bytes("ok"), kept.body());
    }

    @Test
    void trailerFieldsAndFoldedLinesAreNotHeaders() throws IOException {
        CapturedResponse kept = parse(ALL, "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nok\r\n0\r\nX-Trailer: t\r\n\r\n");

        assertEquals(List.of(new NameValue("X-A", "1"), new NameValue("Transfer-Encoding", "chunked")), kept.headers());
        assertArrayEquals(bytes("ok"), kept.body());
    }

    @Test
    void aBareCrInAValueIsReadAsASpaceSoItCanNeverEndALine() throws IOException {
        CapturedResponse kept = parse(ALL, "HTTP/1.1 200 OK\r\nX-Odd: a\rb\r\nContent-Length: 0\r\n\r\n");

        assertEquals(new NameValue("X-Odd", "a b"), kept.headers().get(0));
    }

    @Test
    void aBodyRunningToTheEndOfTheConnectionIsCutAtTheLimit() throws IOException {
        capture.configure(new SendOptions(false, false, 3));
        parser.begin(false, false, null, capture);
        assertFalse(feed("HTTP/1.1 200 OK\r\n\r\nabcdef"));
        assertTrue(parser.endOfStream());

        CapturedResponse kept = capture.result();
        assertArrayEquals(bytes("abc"), kept.body());
        assertTrue(kept.bodyTruncated());
        assertEquals(List.of(), kept.headers(), "headers were not asked for");
    }

    @Test
    void eachResultIsTheCallersOwnAndTheNextResponseStartsEmpty() throws IOException {
        CapturedResponse first = parse(ALL, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
        CapturedResponse second = parse(ALL, "HTTP/1.1 204 No Content\r\n\r\n");

        assertArrayEquals(bytes("first"), first.body());
        assertArrayEquals(new byte[0], second.body());
        assertEquals(List.of(), second.headers());
        assertNotSame(first.body(), second.body());
    }

    private CapturedResponse parse(SendOptions options, String response) throws IOException {
        capture.configure(options);
        parser.begin(false, false, null, capture);
        assertTrue(feed(response), "the response is complete");
        return capture.result();
    }

    /** Feeds one byte at a time, the hardest split there is. */
    private boolean feed(String response) throws IOException {
        byte[] bytes = bytes(response);
        for (byte b : bytes) {
            parser.buffer()[parser.fillOffset()] = b;
            if (parser.filled(1)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
