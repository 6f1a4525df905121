package io.maid.goose.adapter.driver.lean;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;

import static io.maid.goose.adapter.driver.lean.ResponseParserFixtures.OK;
import static io.maid.goose.adapter.driver.lean.ResponseParserFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response parser pushed bytes in pieces, as event-loop reads deliver them. */
class ResponseParserPushTest {
    /** Everything the framing has in one response: an interim response, cookies, chunks with extensions, trailers. */
    private static final String CHUNKED_EVERYTHING = "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nLocation: /next\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "1A ; other\r\n" + "x".repeat(26) + "\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: def\r\n\r\n";

    // ---- pushed in pieces, as event-loop reads deliver them ---------------------------------------------

    @Test
    void aResponseFedOneByteAtATimeParsesAsWhole() throws IOException {
        byte[] response = bytes(CHUNKED_EVERYTHING);
        ResponseParser parser = new ResponseParser();
        parser.begin(false, true);

        for (int i = 0; i < response.length - 1; i++) {
            assertFalse(feed(parser, response, i, i + 1), "complete after only " + (i + 1) + " bytes");
        }
        assertTrue(feed(parser, response, response.length - 1, response.length));

        assertParsedAsWhole(parser, response.length);
    }

    @Test
    void aChunkedResponseSplitAtEveryPositionParsesAsWhole() throws IOException {
        byte[] response = bytes(CHUNKED_EVERYTHING);
        for (int split = 1; split < response.length; split++) {
            ResponseParser parser = new ResponseParser();
            parser.begin(false, true);

            assertFalse(feed(parser, response, 0, split), "complete after only " + split + " bytes");
            assertTrue(feed(parser, response, split, response.length), "incomplete when split at " + split);

            assertParsedAsWhole(parser, response.length);
        }
    }

    @Test
    void aContentLengthResponseSplitAtEveryPairOfPositionsParsesAsWhole() throws IOException {
        byte[] response = bytes("\r\nHTTP/1.1 200 OK\r\nX-Folded: a\r\n  folded on\r\nContent-Length: 10\r\n\r\n0123456789");
        for (int first = 1; first < response.length; first++) {
            for (int second = first; second < response.length; second++) {
                ResponseParser parser = new ResponseParser();
                parser.begin(false, false);

                assertFalse(feed(parser, response, 0, first));
                assertFalse(feed(parser, response, first, second));
                assertTrue(feed(parser, response, second, response.length), "split at " + first + " and " + second);

                assertEquals(200, parser.status());
                assertEquals(response.length, parser.received());
                assertTrue(parser.keepAlive());
            }
        }
    }

    @Test
    void aResponseRunningToTheEndOfTheConnectionCompletesOnlyThere() throws IOException {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n" + "z".repeat(5000));
        for (int split = 1; split < response.length; split += 7) {
            ResponseParser parser = new ResponseParser();
            parser.begin(false, false);

            assertFalse(feed(parser, response, 0, split));
            assertFalse(feed(parser, response, split, response.length), "a body without framing has no end of its own");
            assertTrue(parser.endOfStream());

            assertEquals(200, parser.status());
            assertEquals(response.length, parser.received());
            assertFalse(parser.keepAlive());
        }
    }

    @Test
    void theConnectionEndingInsideAChunkIsACutShortResponse() throws IOException {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly eight");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertFalse(feed(parser, response, 0, response.length));

        assertThrows(ResponseParser.ResponseCutShortException.class, parser::endOfStream);
        assertEquals(response.length, parser.received());
    }

    @Test
    void theConnectionEndingBeforeAnyByteSaysSo() {
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        ResponseParser.ResponseCutShortException e = assertThrows(ResponseParser.ResponseCutShortException.class, parser::endOfStream);

        assertTrue(e.getMessage().contains("before any response byte"), e.getMessage());
        assertEquals(0, parser.received());
    }

    @Test
    void bytesPushedAfterTheEndOfAResponseMakeTheConnectionNotReusable() throws IOException {
        byte[] response = bytes(OK + "HTTP/1.1 200");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertTrue(feed(parser, response, 0, response.length));

        assertFalse(parser.keepAlive());
        assertEquals(response.length, parser.received());
    }

    @Test
    void transferEncodingOverridesContentLengthAndClosesTheConnection() throws IOException {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertTrue(feed(parser, response, 0, response.length));

        assertEquals(response.length, parser.received());
        assertFalse(parser.keepAlive());
    }

    @Test
    void noContentAndNotModifiedHaveNoBodyWhateverTheirLengthSays() throws IOException {
        for (String status : List.of("204 No Content", "304 Not Modified")) {
            byte[] response = bytes("HTTP/1.1 " + status + "\r\nContent-Length: 50\r\n\r\n");
            ResponseParser parser = new ResponseParser();
            parser.begin(false, false);

            assertTrue(feed(parser, response, 0, response.length), status);

            assertTrue(parser.keepAlive(), status);
        }
    }

    @Test
    void switchingProtocolsThatNobodyAskedForIsMalformed() {
        byte[] response = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertThrows(ResponseParser.MalformedResponseException.class, () -> feed(parser, response, 0, response.length));
    }

    @Test
    void tooManyEmptyLinesBeforeTheStatusLineAreMalformed() {
        byte[] response = bytes("\r\n".repeat(5) + OK);
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertThrows(ResponseParser.MalformedResponseException.class, () -> feed(parser, response, 0, response.length));
    }

    @Test
    void chunkDataNotFollowedByCrLfIsMalformed() {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertThrows(ResponseParser.MalformedResponseException.class, () -> feed(parser, response, 0, response.length));
    }

    @Test
    void aLineLongerThanTheLimitIsMalformed() {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nX-Huge: " + "h".repeat(ResponseParser.MAX_LINE));
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertThrows(ResponseParser.MalformedResponseException.class, () -> feed(parser, response, 0, response.length));
    }

    @Test
    void manySmallChunksAreNotMistakenForAnEndlessHead() throws IOException {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "1\r\nx\r\n".repeat(60_000) + "0\r\n\r\n");
        ResponseParser parser = new ResponseParser();
        parser.begin(false, false);

        assertTrue(feed(parser, response, 0, response.length));

        assertEquals(response.length, parser.received());
    }

    @Test
    void parsingACommonResponseAllocatesNothing() throws IOException {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 612\r\n"
                + "Connection: keep-alive\r\n\r\n" + "p".repeat(612));
        ResponseParser parser = new ResponseParser();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) { // past the JIT's first tiers
            parseWhole(parser, response);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            parseWhole(parser, response);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 10_000, "10,000 responses allocated " + allocated + " bytes");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static void assertParsedAsWhole(ResponseParser parser, int length) {
        assertEquals(200, parser.status());
        assertEquals(length, parser.received());
        assertTrue(parser.keepAlive());
        assertEquals(List.of("a=1; Path=/"), parser.setCookies());
        assertEquals("/next", parser.location());
    }

    private static void parseWhole(ResponseParser parser, byte[] response) throws IOException {
        parser.begin(false, false);
        if (!feed(parser, response, 0, response.length)) {
            throw new AssertionError("the response did not complete");
        }
    }

    /**
     * Pushes bytes [from, to) the way a channel read does: into the parser's room, as much as fits each
     * time. Returns whether the response completed (bytes after that point are not pushed).
     */
    private static boolean feed(ResponseParser parser, byte[] bytes, int from, int to) throws IOException {
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, parser.fillRoom());
            assertTrue(n > 0, "an incomplete response always leaves room");
            System.arraycopy(bytes, at, parser.buffer(), parser.fillOffset(), n);
            at += n;
            if (parser.filled(n)) {
                return true;
            }
        }
        return false;
    }
}
