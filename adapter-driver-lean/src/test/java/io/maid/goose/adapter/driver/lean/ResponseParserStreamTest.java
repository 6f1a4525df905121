package io.maid.goose.adapter.driver.lean;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static io.maid.goose.adapter.driver.lean.ResponseParserFixtures.OK;
import static io.maid.goose.adapter.driver.lean.ResponseParserFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response parser pulling from a blocking stream, as the thread-per-user session uses it. */
class ResponseParserStreamTest {
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

    // ---- helpers ----------------------------------------------------------------------------------------

    private static Pulled readerOver(InputStream in) {
        return new Pulled(new ResponseParser(), in);
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
