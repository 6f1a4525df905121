package io.maid.goose.testkit;

import java.io.IOException;
import java.io.InputStream;

/** What a hand-written test target needs to read HTTP/1.1 requests off a socket. */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * Reads a request head up to and without its empty line (CR LF CR LF), byte by byte so nothing after it is
     * consumed; null when the stream ended first.
     */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.substring(0, head.length() - 4);
    }
}
