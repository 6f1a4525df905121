package io.maid.goose.adapter.driver.lean;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseParserTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    /** Everything the framing has in one response: an interim response, cookies, chunks with extensions, trailers. */
    private static final String CHUNKED_EVERYTHING = "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nLocation: /next\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "1A ; other\r\n" + "x".repeat(26) + "\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: def\r\n\r\n";

    // ---- pulled from a stream ---------------------------------------------------------------------------

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsReadToItsEnd() throws IOException {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "1A ; other\r\n" + "x".repeat(26) + "\r\n"
                + "0\r\nX-Checksum: abc\r\nX-Other: def\r\n\r\n";
        Pulled reader = readerOver(Chunks.of(response, 7));

        assertEquals(200, reader.read(false, false));
        assertEquals(response.length(), reader.parser.received());
        assertTrue(reader.parser.keepAlive());
    }

    @Test
    void aResponseSplitIntoOneByteReadsParsesTheSame() throws IOException {
        String response = "HTTP/1.1 201 Created\r\nX-Long: " + "v".repeat(5000) + "\r\nContent-Length: 40000\r\n\r\n"
                + "b".repeat(40_000);
        Pulled reader = readerOver(Chunks.of(response, 1));

        assertEquals(201, reader.read(false, false));
        assertEquals(response.length(), reader.parser.received());
        assertTrue(reader.parser.keepAlive());
    }

    @Test
    void twoResponsesOnOneConnectionAreCountedApart() throws IOException {
        String big = "HTTP/1.1 200 OK\r\nContent-Length: 30000\r\n\r\n" + "b".repeat(30_000);
        Pulled reader = readerOver(new Chunks(List.of(bytes(big), bytes(OK)), 4096));

        reader.read(false, false);
        assertEquals(big.length(), reader.parser.received());
        reader.read(false, false);
        assertEquals(OK.length(), reader.parser.received());
    }

    @Test
    void connectionCloseMakesTheConnectionNotReusable() throws IOException {
        Pulled reader = readerOver(Chunks.of("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n", 64));

        assertEquals(200, reader.read(false, false));
        assertFalse(reader.parser.keepAlive());
    }

    @Test
    void interimContinueResponsesAreSkippedAndCounted() throws IOException {
        String response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + OK;
        Pulled reader = readerOver(Chunks.of(response, 5));

        assertEquals(200, reader.read(false, false));
        assertEquals(response.length(), reader.parser.received());
        assertTrue(reader.parser.keepAlive());
    }

    @Test
    void bytesAfterTheEndOfAResponseMakeTheConnectionNotReusable() throws IOException {
        String response = OK + "HTTP/1.1 200 OK\r\ngarbage nobody asked for";
        Pulled reader = readerOver(Chunks.of(response, response.length()));

        assertEquals(200, reader.read(false, false));
        assertFalse(reader.parser.keepAlive());
        assertEquals(response.length(), reader.parser.received(), "every byte read from the socket is counted");
    }

    @Test
    void headResponseHasNoBodyWhateverItsLengthSays() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n";
        Pulled reader = readerOver(new Chunks(List.of(bytes(head), bytes(OK)), 4096));

        assertEquals(200, reader.read(true, false));
        assertEquals(head.length(), reader.parser.received());
        assertTrue(reader.parser.keepAlive());
        assertEquals(200, reader.read(false, false));
    }

    @Test
    void responseWithoutFramingRunsToTheEndOfTheConnection() throws IOException {
        String response = "HTTP/1.0 200 OK\r\n\r\n" + "z".repeat(10_000);
        Pulled reader = readerOver(Chunks.of(response, 999));

        assertEquals(200, reader.read(false, false));
        assertEquals(response.length(), reader.parser.received());
        assertFalse(reader.parser.keepAlive());
    }

    @Test
    void http10KeepAliveIsHonouredOnlyWhenAsked() throws IOException {
        Pulled reader = readerOver(Chunks.of("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 64));

        reader.read(false, false);

        assertTrue(reader.parser.keepAlive());
    }

    @Test
    void setCookieAndLocationAreKeptOnlyAsAsked() throws IOException {
        String redirect = "HTTP/1.1 302 Found\r\nSet-Cookie: a=1; Path=/\r\nset-cookie: b=2\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n";
        Pulled reader = readerOver(new Chunks(List.of(bytes(redirect), bytes(redirect)), 4096));

        reader.read(false, false);
        assertEquals(List.of("a=1; Path=/", "b=2"), reader.parser.setCookies());
        assertNull(reader.parser.location());
        reader.read(false, true);
        assertEquals("/next", reader.parser.location());
    }

    @Test
    void somethingThatIsNotHttpIsMalformed() {
        Pulled reader = readerOver(Chunks.of("SSH-2.0-OpenSSH_9.6\r\n\r\n", 64));

        assertThrows(ResponseParser.MalformedResponseException.class, () -> reader.read(false, false));
    }

    @Test
    void anInvalidChunkSizeIsMalformed() {
        Pulled reader = readerOver(Chunks.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 64));

        assertThrows(ResponseParser.MalformedResponseException.class, () -> reader.read(false, false));
    }

    @Test
    void conflictingContentLengthsAreMalformed() {
        Pulled reader = readerOver(Chunks.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", 64));

        assertThrows(ResponseParser.MalformedResponseException.class, () -> reader.read(false, false));
    }

    @Test
    void aBodyCutShortIsReportedAsSuch() {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort";
        Pulled reader = readerOver(Chunks.of(cut, 64));

        assertThrows(ResponseParser.ResponseCutShortException.class, () -> reader.read(false, false));
        assertEquals(cut.length(), reader.parser.received());
    }

    @Test
    void aHeadThatNeverEndsIsRefusedAtTheLimit() {
        String endless = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "f".repeat(1000) + "\r\n").repeat(300);
        Pulled reader = readerOver(Chunks.of(endless, 8192));

        assertThrows(ResponseParser.MalformedResponseException.class, () -> reader.read(false, false));
    }

    @Test
    void aSmallResponseKeepsTheBufferSmall() throws IOException {
        Pulled reader = readerOver(Chunks.of(OK, 64));

        reader.read(false, false);

        assertEquals(ResponseParser.INITIAL_BUFFER, reader.parser.bufferCapacity());
    }

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

    private static Pulled readerOver(InputStream in) {
        return new Pulled(new ResponseParser(), in);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A parser reading from a blocking stream, as the thread-per-user session uses it. */
    private record Pulled(ResponseParser parser, InputStream in) {
        int read(boolean headRequest, boolean wantLocation) throws IOException {
            return parser.read(in, headRequest, wantLocation, null, null);
        }
    }

    /**
     * Hands out the given messages' bytes at most {@code maxRead} at a time and never across a message
     * boundary, the way a server that answers one request at a time would.
     */
    private static final class Chunks extends InputStream {
        private final List<byte[]> messages;
        private final int maxRead;
        private int message;
        private int offset;

        Chunks(List<byte[]> messages, int maxRead) {
            this.messages = messages;
            this.maxRead = maxRead;
        }

        static Chunks of(String response, int maxRead) {
            return new Chunks(List.of(bytes(response)), maxRead);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (message < messages.size() && offset == messages.get(message).length) {
                message++;
                offset = 0;
            }
            if (message == messages.size()) {
                return -1;
            }
            byte[] current = messages.get(message);
            int n = Math.min(Math.min(len, maxRead), current.length - offset);
            System.arraycopy(current, offset, b, off, n);
            offset += n;
            return n;
        }
    }
}
